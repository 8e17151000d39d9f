package org.roomhub.protocol.value;

/** One member of a room as listed by {@code presence}: their session and display name. */
public record Presence(String sessionId, String user) {

    /** Checks both parts are present. */
    public Presence {
        Checks.required("sessionId", sessionId);
        Checks.required("user", user);
    }
}
