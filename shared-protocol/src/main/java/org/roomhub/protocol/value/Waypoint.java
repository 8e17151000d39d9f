package org.roomhub.protocol.value;

/** A stop on the shared route, with an optional label. */
public record Waypoint(GeoPoint location, String label) {

    /** Checks the location and label. */
    public Waypoint {
        Checks.required("location", location);
        Checks.optionalText("label", label, 64);
    }
}
