package org.roomhub.hub.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A set of rooms a token covers: {@code chat/lobby}, {@code metrics/*}, {@code *} (every room).
 * {@code *} matches any run of name characters within one part.
 */
public final class RoomPattern {

    private final String text;
    private final Pattern regex;

    private RoomPattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** Parses one pattern; throws {@link IllegalArgumentException} for a malformed one. */
    public static RoomPattern parse(String text) {
        String t = text.strip();
        if (t.equals("*") || t.equals("*/*")) {
            return new RoomPattern(t, Pattern.compile("[^/]+/[^/]+"));
        }
        String[] parts = t.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || !t.matches("[A-Za-z0-9._*/-]+")) {
            throw new IllegalArgumentException("room pattern '" + text + "' is not type/name, e.g. chat/* or metrics/lab");
        }
        return new RoomPattern(t, Pattern.compile(glob(parts[0]) + "/" + glob(parts[1])));
    }

    /** Parses a comma-separated list. */
    public static List<RoomPattern> parseList(String commaSeparated) {
        List<RoomPattern> out = new ArrayList<>();
        for (String p : commaSeparated.split(",")) {
            if (!p.isBlank()) {
                out.add(parse(p));
            }
        }
        return out;
    }

    private static String glob(String part) {
        StringBuilder sb = new StringBuilder();
        for (char c : part.toCharArray()) {
            sb.append(c == '*' ? "[^/]*" : Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }

    /** Whether this pattern covers {@code room}. */
    public boolean covers(RoomAddress room) {
        return regex.matcher(room.type() + "/" + room.name()).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
