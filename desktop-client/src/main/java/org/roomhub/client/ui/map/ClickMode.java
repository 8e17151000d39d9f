package org.roomhub.client.ui.map;

/** What a click on the map does. */
public enum ClickMode {
    /** Puts (or moves) my pin there. */
    PIN,
    /** Appends a waypoint to the shared route. */
    WAYPOINT
}
