package org.roomhub.hub.runtime;

import java.time.Duration;

/** Room timing settings that may change while the hub runs (the architecture view sets them). */
final class Tunables {

    private volatile Duration hibernateAfter;

    Tunables(Duration hibernateAfter) {
        this.hibernateAfter = hibernateAfter;
    }

    Duration hibernateAfter() {
        return hibernateAfter;
    }

    void hibernateAfter(Duration d) {
        hibernateAfter = d;
    }

    /**
     * A room shows as idle after half the hibernation delay, at most 5 s: long enough that a room
     * fed every second (a metrics agent) stays active instead of flapping.
     */
    Duration idleAfter() {
        return Duration.ofMillis(Math.min(5000, hibernateAfter.toMillis() / 2));
    }
}
