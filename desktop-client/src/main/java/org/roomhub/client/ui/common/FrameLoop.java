package org.roomhub.client.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * A view's per-frame work, run only while there is some. A running {@code AnimationTimer} keeps
 * JavaFX pulsing 60 times a second, so an app whose views each kept one running never rested
 * (issue 12: ~60 % of a core on an idle metrics tab). This asks for a pulse ({@link Platform#requestNextPulse})
 * while the frame says the next pulse has work and runs the frame in it (a pre-layout pulse listener on the
 * owner's scene), then wakes at the time the frame asks for, on {@link #wake}, or when the owner comes into
 * sight (window shown, no hidden ancestor such as another tab's content). Not an {@code AnimationTimer}:
 * JavaFX pulses once more after any pulse in which a timer ran, so a single frame cost two pulses. While
 * the owner is hidden, frames run at most every {@link #HIDDEN_PERIOD_MILLIS} as plain {@code runLater}
 * tasks, without asking for a pulse, so queues still drain but nothing animates.
 */
public final class FrameLoop {

    /** Frames at most this often while the owner is not showing. */
    public static final long HIDDEN_PERIOD_MILLIS = 250;
    /** Returned by a frame that needs no other until {@link #wake} is called. */
    public static final long UNTIL_WOKEN = Long.MAX_VALUE;

    /** One frame's work on the FX thread. */
    @FunctionalInterface
    public interface Frame {
        /**
         * @param now     the pulse's time stamp, ns
         * @param showing whether the owner can be seen
         * @return ms until the next frame is wanted: 0 for the next pulse, {@link #UNTIL_WOKEN} for none
         */
        long run(long now, boolean showing);
    }

    private static final ScheduledExecutorService ALARMS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "frame-loop-alarms");
        t.setDaemon(true);
        return t;
    });

    private final Node owner;
    private final Frame frame;
    /** Runs the frame in a pulse of the owner's scene that this loop asked for. */
    private final Runnable pulse = this::pulsed;
    private Scene pulsedScene;
    private final AtomicBoolean wakePosted = new AtomicBoolean();
    private final InvalidationListener sightChanged = o -> rewatch();
    private final List<Observable> watched = new ArrayList<>();
    private boolean running;
    private boolean showing;
    private long alarmAt = Long.MAX_VALUE;
    private long alarmGeneration;
    private long frames;

    /** A loop for {@code owner}'s frames; call on the FX thread. Hidden frames start at once, pulses once the owner is showing. */
    public FrameLoop(Node owner, Frame frame) {
        this.owner = owner;
        this.frame = frame;
        owner.sceneProperty().addListener(sightChanged);
        rewatch();
        if (!showing) {
            wakeIn(HIDDEN_PERIOD_MILLIS); // a tab never opened still drains its queue (the fleet judges alerts there)
        }
    }

    /** Asks for a frame soon: the next pulse if the owner is showing, else within the hidden period. Any thread. */
    public void wake() {
        if (Platform.isFxApplicationThread()) {
            wakeOnFx();
        } else if (wakePosted.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                wakePosted.set(false);
                wakeOnFx();
            });
        }
    }

    /** Whether the owner is on a showing window with no hidden ancestor. */
    public boolean showing() {
        return showing;
    }

    /** Frames run so far; for tests and benchmarks. */
    public long frames() {
        return frames;
    }

    /** Whether the loop has asked for the next pulse to run a frame; for tests. */
    public boolean running() {
        return running;
    }

    private void wakeOnFx() {
        if (showing) {
            start();
        } else {
            wakeIn(HIDDEN_PERIOD_MILLIS);
        }
    }

    private void wakeIn(long millis) {
        long at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (running || alarmAt <= at) {
            return; // a frame comes sooner anyway
        }
        alarmAt = at;
        long generation = ++alarmGeneration;
        ALARMS.schedule(() -> Platform.runLater(() -> {
            if (generation == alarmGeneration) {
                alarmAt = Long.MAX_VALUE;
                if (showing) {
                    start();
                } else {
                    hiddenFrame();
                }
            }
        }), millis, TimeUnit.MILLISECONDS);
    }

    private void hiddenFrame() {
        frames++;
        long next = frame.run(System.nanoTime(), false);
        if (next != UNTIL_WOKEN) {
            wakeIn(Math.max(next, HIDDEN_PERIOD_MILLIS));
        }
    }

    private void start() {
        if (!running) {
            running = true;
            alarmAt = Long.MAX_VALUE;
            alarmGeneration++;
            Platform.requestNextPulse();
        }
    }

    private void pulsed() {
        if (running) {
            tick(System.nanoTime());
        }
    }

    private void tick(long now) {
        frames++;
        long next = frame.run(now, showing);
        if (next == 0 && showing) {
            Platform.requestNextPulse();
            return;
        }
        running = false;
        if (next != UNTIL_WOKEN) {
            wakeIn(showing ? next : Math.max(next, HIDDEN_PERIOD_MILLIS));
        }
    }

    /** Re-reads whether the owner is in sight and listens to everything that can change it. */
    private void rewatch() {
        watched.forEach(o -> o.removeListener(sightChanged));
        watched.clear();
        boolean now = true;
        for (Node n = owner; n != null; n = n.getParent()) {
            watch(n.visibleProperty());
            watch(n.parentProperty());
            now &= n.isVisible();
        }
        Scene scene = owner.getScene();
        if (scene != pulsedScene) {
            if (pulsedScene != null) {
                pulsedScene.removePreLayoutPulseListener(pulse);
            }
            pulsedScene = scene;
            if (scene != null) {
                scene.addPreLayoutPulseListener(pulse);
            }
        }
        if (scene == null) {
            now = false;
        } else {
            watch(scene.windowProperty());
            Window window = scene.getWindow();
            if (window == null) {
                now = false;
            } else {
                watch(window.showingProperty());
                now &= window.isShowing();
            }
        }
        boolean was = showing;
        showing = now;
        if (showing && !was) {
            start();
        } else if (!showing && running) {
            // A hidden window's scene gets no pulses: go on with hidden frames instead of waiting for one.
            running = false;
            wakeIn(HIDDEN_PERIOD_MILLIS);
        } else if (running) {
            Platform.requestNextPulse(); // the owner may have moved to another scene
        }
    }

    private void watch(Observable o) {
        o.addListener(sightChanged);
        watched.add(o);
    }
}
