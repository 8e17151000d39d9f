package org.roomhub.hub.cluster.route;

import org.roomhub.protocol.value.RoomAddress;

/** Where rooms run: this member's id and the placement owner of a room (everything local before the cluster is joined). */
interface Where {

    String self();

    String owner(RoomAddress room);

    /** Whether {@code member} is in this member's view (a crashed host is not, before placement moves its rooms). */
    default boolean up(String member) {
        return true;
    }
}
