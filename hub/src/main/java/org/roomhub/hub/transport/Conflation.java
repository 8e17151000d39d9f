package org.roomhub.hub.transport;

import org.roomhub.protocol.EncodedFrame;

/**
 * Which waiting frames a newer one may replace: a {@code metric-updated} replaces the waiting one of
 * the same metric name. Reads the name from the encoded text without parsing the JSON, since the
 * codec always writes {@code "name":"…"} as a plain string field.
 */
final class Conflation {

    private static final String NAME_FIELD = "\"name\":\"";

    private Conflation() {}

    /** The frame's subject, or null when it never replaces another. */
    static String subject(EncodedFrame frame) {
        if (!"metric-updated".equals(frame.type())) {
            return null;
        }
        String text = frame.text();
        int start = text.indexOf(NAME_FIELD);
        if (start < 0) {
            return null;
        }
        start += NAME_FIELD.length();
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return "metric-updated:" + text.substring(start, i);
            }
        }
        return null;
    }
}
