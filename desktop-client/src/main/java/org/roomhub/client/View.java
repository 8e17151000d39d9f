package org.roomhub.client;

/** The app's tabs, in order; {@code --render} names one of them. */
public enum View {
    /** Live charts. */
    METRICS,
    /** Chat room. */
    CHAT,
    /** Shared waypoint map. */
    MAP,
    /** Hub, rooms and clients, live. */
    ARCHITECTURE,
    /** Every host publishing on the hub, and alerts. */
    FLEET;

    /** Tab position. */
    public int tabIndex() {
        return ordinal();
    }
}
