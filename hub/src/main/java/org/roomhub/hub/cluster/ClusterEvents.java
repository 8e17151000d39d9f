package org.roomhub.hub.cluster;

/** What a member tells its own observers about the cluster (the observer frames of PROTOCOL.md, Cluster). */
public interface ClusterEvents {

    /** A member joined (or came back) and serves clients at {@code url}. */
    void nodeUp(String node, String url);

    /** A member left the view: stopped, crashed or cut off. */
    void nodeDown(String node);

    /** A room's placement moved from one member to another ({@code reason}: node-up, node-down, rebalance). */
    void roomMoved(String room, String from, String to, String reason);

    /** Another activation took {@code room} over: this member's epoch {@code mine} is stale, {@code current} wins. */
    default void fenced(String room, long mine, long current) {}

    /** Tells nobody. */
    ClusterEvents NONE = new ClusterEvents() {
        @Override
        public void nodeUp(String node, String url) {}

        @Override
        public void nodeDown(String node) {}

        @Override
        public void roomMoved(String room, String from, String to, String reason) {}
    };
}
