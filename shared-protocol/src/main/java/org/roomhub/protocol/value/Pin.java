package org.roomhub.protocol.value;

/**
 * A pin on the shared map, owned by {@code user} (only the owner or an admin moves or removes it).
 *
 * @param pinId the pin's id in its room
 * @param user its owner
 * @param location where it is
 * @param label text beside it (may be null)
 * @param color CSS colour (may be null)
 * @param note longer text shown on hover (may be null)
 */
public record Pin(String pinId, String user, GeoPoint location, String label, String color, String note) {

    /** Longest client-chosen pin id. */
    public static final int MAX_ID = 64;
    /** Longest label. */
    public static final int MAX_LABEL = 64;
    /** Longest colour text. */
    public static final int MAX_COLOR = 32;
    /** Longest note. */
    public static final int MAX_NOTE = 500;

    /** Checks the required parts and the lengths. */
    public Pin {
        Checks.required("pinId", pinId);
        Checks.required("user", user);
        Checks.required("location", location);
        Checks.optionalText("label", label, MAX_LABEL);
        Checks.optionalText("color", color, MAX_COLOR);
        Checks.optionalText("note", note, MAX_NOTE);
    }
}
