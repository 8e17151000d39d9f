package org.roomhub.client.ui.common;

/** The series palette as CSS hex strings, for view-models and web pages that cannot use JavaFX colours. */
public final class NameColors {

    private static final String[] HEX = {
        "#2563eb", "#e11d48", "#16a34a", "#d97706", "#7c3aed", "#0891b2",
        "#db2777", "#65a30d", "#ea580c", "#4f46e5", "#0d9488", "#9333ea",
    };

    private NameColors() {}

    /** The {@code i}th colour. */
    public static String hex(int i) {
        return HEX[Math.floorMod(i, HEX.length)];
    }

    /** A stable colour for a name such as a user. */
    public static String forName(String name) {
        return hex(name == null ? 0 : name.hashCode());
    }
}
