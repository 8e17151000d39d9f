package org.roomhub.client.ui.map;

/** What a click on the map does. */
public enum ClickMode {
    /** Places a new pin of mine there. */
    PIN,
    /** Appends a waypoint to the shared route. */
    WAYPOINT
}
