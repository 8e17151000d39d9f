package org.roomhub.protocol.value;

/** A user's pin on the shared map. */
public record Pin(String pinId, String user, GeoPoint location, String label, String color) {

    /** Checks the required parts. */
    public Pin {
        Checks.required("pinId", pinId);
        Checks.required("user", user);
        Checks.required("location", location);
    }
}
