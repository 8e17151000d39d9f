package org.roomhub.hub.transport;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writer pool (one thread per core) that writes queued frames to sockets and streams, and the
 * write linger: a socket that wrote less than {@link #lingerNanos()} ago waits for the next tick
 * instead of writing again at once, so frames that arrive for it faster than that leave together, in
 * one write (one syscall) — at 50 broadcasts/s a socket writes a few frames at a time instead of each
 * on its own. A socket that has been quiet for the linger writes at once: a lone frame never waits.
 *
 * <p>The linger adapts to a socket fed steadily: at a tick a socket holding fewer than
 * {@link WebSocketOutbound#FULL} frames may wait for further ticks, up to {@link #lingerTicks()} ticks
 * since its last write, so a socket receiving a broadcast every 20 ms writes ~5 frames per syscall
 * instead of ~3 (each write costs ~20 µs of CPU, half of it in the kernel; a frame ~2 µs).
 */
public final class Writers implements Executor {

    /** Sockets one writer task serves in a row before the rest are split off to another writer. */
    private static final int PER_TASK = 64;

    private final ExecutorService pool;
    private final int threads;
    private final long lingerNanos;
    private final long lingerMillis;
    /** Ticks a socket fed steadily may wait through since its last write (1: one linger, no more). */
    private final int lingerTicks;
    /** Runs the ticks; made only when there is a linger. */
    private final ScheduledExecutorService ticker;
    private Runnable[] waiting = new Runnable[64];
    private int count;
    /** Whether a tick is scheduled for the sockets waiting. */
    private boolean armed;
    /** Set under the lock; read without it by a socket deciding whether to wait for another tick. */
    private volatile boolean stopped;

    private Writers(int threads, Duration linger, Duration lingerMax) {
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> daemon(r, "roomhub-writer-" + n.incrementAndGet()));
        this.lingerMillis = Math.max(0, linger.toMillis());
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        this.lingerTicks = lingerMillis == 0 ? 1 : (int) Math.max(1, Math.min(1_000, lingerMax.toMillis() / lingerMillis));
        this.ticker = lingerMillis == 0 ? null
                : Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "roomhub-writer-linger"));
    }

    /** A pool of one writer per core (at least two) with the given linger (zero: every socket writes at once). */
    public static Writers start(Duration linger) {
        return start(linger, linger);
    }

    /**
     * As {@link #start(Duration)}; a socket fed steadily may keep its frames for up to {@code lingerMax}
     * (whole lingers) while it holds fewer than {@link WebSocketOutbound#FULL}.
     */
    public static Writers start(Duration linger, Duration lingerMax) {
        return new Writers(Math.max(2, Runtime.getRuntime().availableProcessors()), linger, lingerMax);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** The linger in nanoseconds; 0: none. */
    long lingerNanos() {
        return lingerNanos;
    }

    /** Ticks a socket fed steadily may wait through since its last write; at least 1. */
    int lingerTicks() {
        return lingerTicks;
    }

    /** Whether the pool is stopping: no further ticks, so nothing should wait for one. */
    boolean stopping() {
        return stopped;
    }

    /** Runs {@code drain} on a writer at the next tick (at most one linger from now). */
    void atNextTick(Runnable drain) {
        synchronized (this) {
            if (!stopped) {
                if (count == waiting.length) {
                    waiting = Arrays.copyOf(waiting, count * 2);
                }
                waiting[count++] = drain;
                if (!armed) {
                    armed = true;
                    ticker.schedule(this::tick, lingerMillis, TimeUnit.MILLISECONDS);
                }
                return;
            }
        }
        runOnPool(drain); // stopping: no more ticks
    }

    private void tick() {
        Runnable[] due;
        int n;
        synchronized (this) {
            due = waiting;
            n = count;
            waiting = new Runnable[Math.max(64, Integer.highestOneBit(Math.max(1, n)))];
            count = 0;
            armed = false;
        }
        spread(this, threads, due, n);
    }

    /**
     * Hands {@code count} drains to {@code writer} in at most {@code threads} tasks of at least
     * {@value #PER_TASK} drains each: one thread wake-up per writer, not per socket.
     */
    static void spread(Executor writer, int threads, Runnable[] drains, int count) {
        if (count == 0) {
            return;
        }
        int tasks = Math.min(threads, (count + PER_TASK - 1) / PER_TASK);
        int per = (count + tasks - 1) / tasks;
        for (int from = 0; from < count; from += per) {
            int start = from;
            int end = Math.min(count, from + per);
            runOn(writer, () -> {
                for (int i = start; i < end; i++) {
                    drains[i].run();
                }
            });
        }
    }

    private void runOnPool(Runnable task) {
        runOn(pool, task);
    }

    private static void runOn(Executor writer, Runnable task) {
        try {
            writer.execute(task);
        } catch (RejectedExecutionException stopping) {
            task.run(); // the hub is stopping: write the last frames here
        }
    }

    /** Writes what lingers now, then stops taking tasks (those queued still run). */
    public void shutdown() {
        if (ticker != null) {
            synchronized (this) {
                stopped = true;
            }
            ticker.shutdownNow();
            tick();
        }
        pool.shutdown();
    }

    /** Waits for the queued writes to finish. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(timeout, unit);
    }
}
