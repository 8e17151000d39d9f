package org.roomhub.protocol.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A room's lifecycle state as clients see it. */
public enum RoomState {
    /** Handling events, or did very recently. */
    ACTIVE,
    /** In memory, nothing to do; hibernates when idle long enough. */
    IDLE,
    /** Evicted from memory; its sockets stay open. */
    HIBERNATING,
    /** Being re-created; events wait in order. */
    RESUMING;

    /** Lower-case wire name. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire name. */
    @JsonCreator
    public static RoomState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
