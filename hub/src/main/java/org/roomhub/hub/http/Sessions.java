package org.roomhub.hub.http;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Session ids and display names for new connections. */
public final class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._@()-]{1,64}");

    private Sessions() {}

    /** A new unguessable session id. */
    public static String newId() {
        return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }

    /** Whether {@code suggested} may be a display name. */
    public static boolean isUsableName(String suggested) {
        return suggested != null && NAME.matcher(suggested).matches() && !suggested.isBlank();
    }

    /** The suggested display name if usable, else {@code guest-XXXX}. */
    public static String displayName(String suggested) {
        if (suggested != null && NAME.matcher(suggested).matches() && !suggested.isBlank()) {
            return suggested.strip();
        }
        return "guest-" + Integer.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36);
    }
}
