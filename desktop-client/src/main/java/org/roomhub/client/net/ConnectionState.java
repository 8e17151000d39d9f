package org.roomhub.client.net;

/** Where a hub connection is in its life; the connection bar shows it. */
public enum ConnectionState {
    /** Opened but not yet connected. */
    CONNECTING,
    /** The socket is open and frames flow. */
    CONNECTED,
    /** The socket dropped; a new attempt is scheduled with backoff. */
    RECONNECTING,
    /** The hub refused the credentials (401/403); no more attempts until the settings change. */
    REFUSED,
    /** Closed on purpose; no more attempts. */
    CLOSED;

    /** A short lower-case label for the UI. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
