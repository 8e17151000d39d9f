package org.roomhub.client.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.value.RoomAddress;

/**
 * What every scenario shares: a timer thread for its steps, the clients and connections it opened,
 * and the rooms it made, all undone on {@link #close()} so the hub is left as it was.
 */
abstract class ScenarioBase implements Scenario {

    protected final LabContext lab;
    protected final ScheduledExecutorService timer;
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private final List<RoomAddress> rooms = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    ScenarioBase(LabContext lab) {
        this.lab = lab;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lab-" + kind().id());
            t.setDaemon(true);
            return t;
        });
    }

    /** A room this scenario owns: deleted (with its storage) on close. */
    protected RoomAddress ownRoom(String type, String name) {
        RoomAddress room = RoomAddress.parse(type + "/" + name);
        rooms.add(room);
        return room;
    }

    /** A client of the hub over {@code kind}, closed with the scenario. */
    protected HubClient client(TransportKind kind) {
        return keep(lab.newClient(kind));
    }

    /** {@code thing} is closed with the scenario (after the connections opened before it). */
    protected <T extends AutoCloseable> T keep(T thing) {
        opened.add(0, thing);
        return thing;
    }

    /** Runs {@code step} every {@code periodMillis}; a step that throws is logged and the schedule goes on. */
    protected void every(long periodMillis, Runnable step) {
        timer.scheduleAtFixedRate(guarded(step), 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code step} once after {@code delayMillis}. */
    protected void after(long delayMillis, Runnable step) {
        timer.schedule(guarded(step), delayMillis, TimeUnit.MILLISECONDS);
    }

    protected boolean closed() {
        return closed;
    }

    private Runnable guarded(Runnable step) {
        return () -> {
            try {
                if (!closed) {
                    step.run();
                }
            } catch (RuntimeException e) {
                lab.log("Lab " + kind().id() + ": a step failed", e.toString());
            }
        };
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        undo();
        List<AutoCloseable> all = new ArrayList<>(opened);
        // connections first (they are kept after their client), then clients and relays
        all.stream().filter(RoomConnection.class::isInstance).forEach(ScenarioBase::closeQuietly);
        all.stream().filter(c -> !(c instanceof RoomConnection)).forEach(ScenarioBase::closeQuietly);
        for (RoomAddress room : rooms) {
            try {
                lab.hub().admin().deleteRoom(room).get(10, TimeUnit.SECONDS);
                lab.roomGone(HubClient.key(room));
            } catch (Exception e) {
                // a room nobody ever joined does not exist: nothing to delete
            }
        }
        lab.log("Lab " + kind().id() + " stopped: its clients closed and its rooms deleted", null);
    }

    /** Undoes hub settings the scenario changed; called first on close. */
    protected void undo() {
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort: the rest still closes
        }
    }

    static String perMessage(double bytes) {
        return Double.isNaN(bytes) || Double.isInfinite(bytes) ? "–" : String.format("%,.0f B", bytes);
    }
}
