package org.roomhub.hub.rooms.metrics;

import java.util.List;

/** Which metrics a connection receives; kept as its attachment so it survives hibernation. */
record Subscription(List<String> metrics) {

    static final Subscription ALL = new Subscription(List.of("*"));

    /** Checked per connection for every {@code metric-updated} broadcast: no copy of the list. */
    boolean includes(String name) {
        return includesAll() || metrics.contains(name);
    }

    boolean includesAll() {
        return metrics.contains("*");
    }
}
