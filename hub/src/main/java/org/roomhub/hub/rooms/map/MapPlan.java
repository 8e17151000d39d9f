package org.roomhub.hub.rooms.map;

import java.util.List;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Waypoint;

/**
 * Pins and route waypoints together: what a named snapshot keeps and what a GPX or GeoJSON file
 * carries in and out.
 *
 * @param pins the pins, in order
 * @param waypoints the route's waypoints, in order
 */
record MapPlan(List<Pin> pins, List<Waypoint> waypoints) {

    /** The pin id of an imported pin whose file named none: the room gives it one. */
    static final String NO_ID = "";

    /** Copies both lists. */
    MapPlan {
        pins = List.copyOf(pins);
        waypoints = List.copyOf(waypoints);
    }
}
