package org.roomhub.protocol.value;

/** A chat message as stored and as listed by the chat {@code history} welcome frame. */
public record ChatEntry(String id, String user, String sessionId, String text, long ts, long seq) {

    /** Checks the required parts. */
    public ChatEntry {
        Checks.required("id", id);
        Checks.required("user", user);
        Checks.required("sessionId", sessionId);
        Checks.required("text", text);
    }
}
