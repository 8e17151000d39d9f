package org.roomhub.agent;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect delays with jitter, so many agents do not return to a restarted hub in step. */
final class Backoff {

    private final long firstMillis;
    private final long maxMillis;
    private long next;

    Backoff(long firstMillis, long maxMillis) {
        this.firstMillis = firstMillis;
        this.maxMillis = maxMillis;
        this.next = firstMillis;
    }

    /** The delay before the next attempt (±20 %), doubling up to the maximum. */
    long nextMillis() {
        long base = next;
        next = Math.min(maxMillis, next * 2);
        return Math.max(1, (long) (base * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }

    /** After a success: start again from the first delay. */
    void reset() {
        next = firstMillis;
    }
}
