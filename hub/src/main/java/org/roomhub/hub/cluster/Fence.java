package org.roomhub.hub.cluster;

/** What a room's commit learns when it checks its epoch ({@link ClusterNode#check}). */
public enum Fence {
    /** The epoch is the room's current one: the commit may go ahead. */
    CURRENT,
    /** Another activation took the room over: this host is stale and must evict itself. */
    STALE,
    /** This member is in a minority (or alone after losing the others): nobody may commit here now. */
    NO_QUORUM
}
