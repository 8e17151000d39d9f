package org.roomhub.hub.rooms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Storage key helpers shared by the built-in rooms. */
public final class Keys {

    private Keys() {}

    /** A name made safe to sit between {@code /} separators in a key. */
    public static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /** A number padded so keys sort in numeric order. */
    public static String ordered(long n) {
        if (n < 0) {
            return String.format("%019d", n); // never on the hot path; keeps the old form
        }
        // Same text as %019d without a Formatter: this runs for every stored chat message.
        String digits = Long.toString(n);
        return "0".repeat(19 - digits.length()) + digits;
    }
}
