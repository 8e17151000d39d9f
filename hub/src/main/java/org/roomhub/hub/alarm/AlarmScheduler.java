package org.roomhub.hub.alarm;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one room's alarm armed on the hub's timer. When it is due, the firing is queued as a room
 * event ({@link Room#queue}), so it never races the room's messages; a handler that throws is
 * retried after 2 s, doubling, six times, then the alarm is cleared.
 */
public final class AlarmScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmScheduler.class);
    /** Retry delays of a throwing alarm start here and double, {@link #RETRIES} times at most. */
    public static final Duration RETRY_BASE = Duration.ofSeconds(2);
    /** Retries after the first failure. */
    public static final int RETRIES = 6;
    /** An alarm up to this early still fires (timer slack). */
    private static final long SLACK_MILLIS = 5;

    /** What the scheduler needs of its room. */
    public interface Room {
        /** The alarm time as stored now. */
        OptionalLong stored();

        /** Queues {@code task} as a room event, even when the room's queue is full. */
        void queue(Runnable task);

        /** Runs the room's alarm handler as one event (its writes clear the stored alarm unless it sets a new one); false when it threw. */
        boolean fire();

        /** Clears the stored alarm after the last retry failed. */
        void giveUp();
    }

    private final String name;
    private final Room room;
    private final ScheduledExecutorService timer;
    private final LongSupplier clock;
    private ScheduledFuture<?> task;
    private int attempt;

    /** A scheduler for the room called {@code name}. */
    public AlarmScheduler(String name, Room room, ScheduledExecutorService timer, LongSupplier clock) {
        this.name = name;
        this.room = room;
        this.timer = timer;
        this.clock = clock;
    }

    /** Arms the stored alarm, if any (at startup). */
    public void restore() {
        room.stored().ifPresent(this::schedule);
    }

    /** Arms the alarm for {@code at} (epoch ms), replacing any armed one. */
    public synchronized void schedule(long at) {
        if (task != null) {
            task.cancel(false);
        }
        long delay = Math.max(0, at - clock.getAsLong());
        task = timer.schedule(() -> room.queue(this::due), delay, TimeUnit.MILLISECONDS);
    }

    /** Disarms the alarm. */
    public synchronized void cancel() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /** Applies a committed alarm change: armed at the new time, or disarmed. */
    public void changed(OptionalLong at) {
        if (at.isPresent()) {
            schedule(at.getAsLong());
        } else {
            cancel();
        }
    }

    /** On the room's queue: fires unless the alarm was cancelled or moved since it was armed. */
    private void due() {
        OptionalLong stored = room.stored();
        if (stored.isEmpty() || stored.getAsLong() > clock.getAsLong() + SLACK_MILLIS) {
            return;
        }
        if (room.fire()) {
            attempt = 0;
        } else if (++attempt <= RETRIES) {
            long delay = RETRY_BASE.toMillis() << (attempt - 1);
            LOG.warn("Alarm of {} failed; retry {} of {} in {} ms", name, attempt, RETRIES, delay);
            schedule(clock.getAsLong() + delay);
        } else {
            LOG.error("Alarm of {} failed {} times; giving up", name, RETRIES + 1);
            attempt = 0;
            room.giveUp();
        }
    }
}
