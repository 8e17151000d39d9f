package org.roomhub.hub.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until a test moves it, for {@code HubConfig.clock}: time-based figures and
 * frame timestamps can then be asserted exactly, without waiting. Safe to read from any thread.
 *
 * <p>Only what reads the hub's clock follows it (rooms, room figures, frame {@code ts}, tokens); the
 * timers that run alarms and idle checks still wait real time.
 */
public final class ManualClock extends Clock {

    private final AtomicLong millis;

    private ManualClock(long millis) {
        this.millis = new AtomicLong(millis);
    }

    /** A clock standing at {@code instant} (ISO-8601, e.g. {@code 2026-12-03T04:00:00Z}). */
    public static ManualClock at(String instant) {
        return new ManualClock(Instant.parse(instant).toEpochMilli());
    }

    /** Moves the clock forward by {@code step} and returns the new time in milliseconds. */
    public long advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + step);
        }
        return millis.addAndGet(step.toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!zone.equals(ZoneOffset.UTC)) {
            throw new UnsupportedOperationException("a manual clock runs in UTC");
        }
        return this;
    }
}
