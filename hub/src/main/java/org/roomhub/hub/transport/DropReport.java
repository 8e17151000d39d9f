package org.roomhub.hub.transport;

import org.roomhub.hub.observe.EdgeEvents;
import org.roomhub.protocol.value.RoomAddress;

/** Tells the edge's listeners about one session's dropped frames. {@code events} null reports nothing (observers). */
record DropReport(EdgeEvents events, RoomAddress room, String sessionId) {

    static final DropReport NONE = new DropReport(null, null, null);

    void conflated(long count) {
        if (events != null && count > 0) {
            events.dropped(room, sessionId, count, "conflate");
        }
    }

    void closed(long discarded) {
        if (events != null) {
            events.dropped(room, sessionId, discarded, "close");
        }
    }
}
