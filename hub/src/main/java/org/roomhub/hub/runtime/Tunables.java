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

    /** A room shows as idle after a quarter of the hibernation delay, at most a second. */
    Duration idleAfter() {
        return Duration.ofMillis(Math.min(1000, hibernateAfter.toMillis() / 4));
    }
}
