package org.roomhub.hub.rooms.metrics;

import java.util.List;
import java.util.Set;

/** Which metrics a connection receives; kept as its attachment so it survives hibernation. */
record Subscription(List<String> metrics) {

    static final Subscription ALL = new Subscription(List.of("*"));

    boolean includes(String name) {
        return metrics.contains("*") || Set.copyOf(metrics).contains(name);
    }
}
