package org.roomhub.hub.transport;

import java.time.Duration;
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
 *
 * <p>With a write age the wait is bounded per socket instead: a socket that begins to wait writes when
 * it has waited the age (or at once when a given number of frames wait), whatever the other
 * sockets do; the sockets of one broadcast begin together, so one tick still serves them all.
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
    /** The write age (0: none): a waiting socket writes when its wait reaches this, not at a shared tick. */
    private final long ageNanos;
    /** How early a tick takes a socket whose age is nearly reached: the sockets of one broadcast go together. */
    private final long slackNanos;
    /** With an age: frames that end a socket's wait at once (0: only the age does). */
    private final int ageFrames;
    /** Runs the ticks; made only when there is a linger. */
    private final ScheduledExecutorService ticker;
    /** Sockets waiting, in the order they began to wait (a ring), with when each is due. */
    private Runnable[] waiting = new Runnable[64];
    private long[] dueAt = new long[64];
    private int head;
    private int count;
    /** Whether a tick is scheduled for the sockets waiting. */
    private boolean armed;
    /** Set under the lock; read without it by a socket deciding whether to wait for another tick. */
    private volatile boolean stopped;

    private Writers(int threads, Duration linger, Duration lingerMax, Duration age, int ageFrames) {
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> daemon(r, "roomhub-writer-" + n.incrementAndGet()));
        this.lingerMillis = Math.max(0, linger.toMillis());
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        this.ageNanos = lingerMillis == 0 ? 0 : Math.max(0, age.toNanos());
        this.slackNanos = Math.min(TimeUnit.MILLISECONDS.toNanos(1), ageNanos / 20);
        this.ageFrames = Math.max(0, ageFrames);
        this.lingerTicks = lingerMillis == 0 || ageNanos > 0 ? 1
                : (int) Math.max(1, Math.min(1_000, lingerMax.toMillis() / lingerMillis));
        this.ticker = lingerMillis == 0 ? null
                : Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "roomhub-writer-linger"));
    }

    /**
     * A pool of one writer per core (at least two) with the given linger (zero: every socket writes at
     * once). With a zero {@code age}, waiting sockets write at a shared tick, and a socket fed steadily may
     * keep its frames for up to {@code lingerMax} (whole lingers) while it holds fewer than
     * {@link WebSocketOutbound#FULL}. With an {@code age}, a waiting socket writes when it has waited that
     * long, or as soon as {@code ageFrames} frames wait (0: only the age): no frame waits longer than the age.
     */
    public static Writers start(Duration linger, Duration lingerMax, Duration age, int ageFrames) {
        return new Writers(Math.max(2, Runtime.getRuntime().availableProcessors()), linger, lingerMax, age, ageFrames);
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

    /** The write age in nanoseconds; 0: waiting sockets write at the shared tick. */
    long ageNanos() {
        return ageNanos;
    }

    /** How early a tick may come for a socket's age (see {@link #tick()}). */
    long slackNanos() {
        return slackNanos;
    }

    /** With an age: frames that end a socket's wait at once; 0: none do. */
    int ageFrames() {
        return ageFrames;
    }

    /** Ticks a socket fed steadily may wait through since its last write; at least 1. */
    int lingerTicks() {
        return lingerTicks;
    }

    /** Whether the pool is stopping: no further ticks, so nothing should wait for one. */
    boolean stopping() {
        return stopped;
    }

    /**
     * Runs {@code drain} on a writer at the next tick: at most one linger from now, or with an age, when
     * this wait reaches it.
     */
    void atNextTick(Runnable drain) {
        synchronized (this) {
            if (!stopped) {
                if (count == waiting.length) {
                    grow();
                }
                long delay = ageNanos > 0 ? ageNanos : lingerNanos;
                int i = (head + count) & (waiting.length - 1);
                waiting[i] = drain;
                dueAt[i] = System.nanoTime() + delay;
                count++;
                if (!armed) {
                    armed = true;
                    ticker.schedule(this::tick, delay, TimeUnit.NANOSECONDS);
                }
                return;
            }
        }
        runOnPool(drain); // stopping: no more ticks
    }

    private void grow() {
        Runnable[] w = new Runnable[waiting.length * 2];
        long[] d = new long[w.length];
        for (int k = 0; k < count; k++) {
            int from = (head + k) & (waiting.length - 1);
            w[k] = waiting[from];
            d[k] = dueAt[from];
        }
        waiting = w;
        dueAt = d;
        head = 0;
    }

    /** Hands the sockets due to the writers (without an age: all waiting) and waits for the next one due. */
    private void tick() {
        Runnable[] due;
        int n = 0;
        synchronized (this) {
            long now = System.nanoTime();
            int mask = waiting.length - 1;
            while (n < count && (ageNanos == 0 || stopped || dueAt[(head + n) & mask] - now <= slackNanos)) {
                n++;
            }
            due = new Runnable[n];
            for (int k = 0; k < n; k++) {
                int at = (head + k) & mask;
                due[k] = waiting[at];
                waiting[at] = null;
            }
            head = (head + n) & mask;
            count -= n;
            armed = count > 0 && !stopped;
            if (armed) {
                ticker.schedule(this::tick, Math.max(0, dueAt[head] - now), TimeUnit.NANOSECONDS);
            }
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
