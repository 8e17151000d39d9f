package org.roomhub.client.net;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: attempt {@code n} waits a random time in
 * {@code [base/2, min(max, base·2ⁿ)]}. Jitter keeps many clients of one restarted hub from
 * reconnecting in lock step.
 */
public final class Backoff {

    private final long baseMillis;
    private final long maxMillis;
    private final DoubleSupplier random;
    private int attempt;

    /** A backoff between {@code base} and {@code max}, with {@code random} giving values in [0, 1). */
    public Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.baseMillis = base.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The usual client backoff: 250 ms up to 15 s. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(15), Math::random);
    }

    /** The delay before the next attempt; each call counts as one more failure. */
    public synchronized Duration next() {
        long ceiling = Math.min(maxMillis, baseMillis << Math.min(attempt, 20));
        attempt++;
        long floor = Math.min(baseMillis / 2, ceiling);
        return Duration.ofMillis(floor + (long) (random.getAsDouble() * (ceiling - floor)));
    }

    /** Forgets past failures after a successful connection. */
    public synchronized void reset() {
        attempt = 0;
    }

    /** Failures since the last success. */
    public synchronized int attempts() {
        return attempt;
    }
}
