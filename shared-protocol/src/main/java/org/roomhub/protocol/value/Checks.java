package org.roomhub.protocol.value;

import java.util.List;

/**
 * Field checks shared by every value and frame record. Each throws {@link IllegalArgumentException}
 * with a message naming the field, which the codec turns into {@code INVALID_MESSAGE}.
 */
public final class Checks {

    private Checks() {}

    /** A required field. */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** A required text of {@code min..max} characters (code points) without lone surrogates. */
    public static String text(String field, String value, int min, int max) {
        required(field, value);
        wellFormed(field, value);
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw new IllegalArgumentException(field + " must be " + min + "–" + max + " characters, was " + length);
        }
        return value;
    }

    /** An optional text: null passes, anything else as {@link #text}. */
    public static String optionalText(String field, String value, int max) {
        return value == null ? null : text(field, value, 0, max);
    }

    /** Rejects lone UTF-16 surrogates, which cannot be encoded as UTF-8. */
    public static String wellFormed(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " contains an unpaired UTF-16 surrogate at index " + i);
            }
        }
        return value;
    }

    /** A required finite number. */
    public static double finite(String field, Double value) {
        required(field, value);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number");
        }
        return value;
    }

    /** A required number in {@code [min, max]}. */
    public static double range(String field, Double value, double min, double max) {
        finite(field, value);
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    /** A required, non-negative whole number. */
    public static long nonNegative(String field, Long value) {
        required(field, value);
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be ≥ 0");
        }
        return value;
    }

    /** A required list without null elements, of at most {@code max} items; returned unmodifiable. */
    public static <T> List<T> list(String field, List<T> value, int max) {
        required(field, value);
        if (value.size() > max) {
            throw new IllegalArgumentException(field + " holds at most " + max + " items");
        }
        for (T item : value) {
            if (item == null) {
                throw new IllegalArgumentException(field + " must not hold null");
            }
        }
        return List.copyOf(value);
    }
}
