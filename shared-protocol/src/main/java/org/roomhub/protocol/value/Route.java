package org.roomhub.protocol.value;

import java.util.List;
import java.util.Map;

/**
 * The shared route: its waypoints, the meeting point (geographic midpoint of the pins, null with
 * no pins) and each user's great-circle distance from their pin to the meeting point.
 */
public record Route(List<Waypoint> waypoints, GeoPoint meetingPoint, Map<String, Double> distancesKm) {

    /** Copies the collections. */
    public Route {
        waypoints = List.copyOf(Checks.required("waypoints", waypoints));
        distancesKm = Map.copyOf(Checks.required("distancesKm", distancesKm));
    }

    /** A route with nothing on it. */
    public static Route empty() {
        return new Route(List.of(), null, Map.of());
    }
}
