package org.roomhub.client.net;

/**
 * Assembles Server-Sent Events from the stream's lines: {@code id:}, {@code event:} and
 * {@code data:} fields (several data lines join with a newline), comments skipped, a blank line
 * ends the event. The id persists from event to event, as the SSE spec's "last event ID" does.
 */
final class SseEventReader {

    /** One complete event. */
    record Event(String id, String type, String data) {}

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String id;
    private String type;

    /** Reads one line; answers the event it completes, or null. */
    Event line(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.startsWith(":")) {
            return null;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> type = value;
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            default -> { } // "retry" and unknown fields: nothing the client needs
        }
        return null;
    }

    private Event dispatch() {
        Event event = hasData ? new Event(id, type == null ? "message" : type, data.toString()) : null;
        data.setLength(0);
        hasData = false;
        type = null;
        return event;
    }
}
