package org.roomhub.hub.cluster;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.roomhub.protocol.frame.ObserverFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Cluster events as the observer frames {@code node-up}, {@code node-down} and {@code room-moved}. */
public final class ObserverClusterEvents implements ClusterEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ObserverClusterEvents.class);

    private final Consumer<ObserverFrame> observers;
    private final LongSupplier clock;

    private ObserverClusterEvents(Consumer<ObserverFrame> observers, LongSupplier clock) {
        this.observers = observers;
        this.clock = clock;
    }

    /** Publishes to {@code observers}, stamping frames with {@code clock}. */
    public static ClusterEvents of(Consumer<ObserverFrame> observers, LongSupplier clock) {
        return new ObserverClusterEvents(observers, clock);
    }

    @Override
    public void nodeUp(String node, String url) {
        observers.accept(new ObserverFrame.NodeUp(node, url, clock.getAsLong()));
    }

    @Override
    public void nodeDown(String node) {
        observers.accept(new ObserverFrame.NodeDown(node, clock.getAsLong()));
    }

    @Override
    public void roomMoved(String room, String from, String to, String reason) {
        observers.accept(new ObserverFrame.RoomMoved(room, from, to, reason, clock.getAsLong()));
    }

    @Override
    public void fenced(String room, long mine, long current) {
        LOG.warn("room {}: epoch {} is stale, epoch {} took it over", room, mine, current);
    }
}
