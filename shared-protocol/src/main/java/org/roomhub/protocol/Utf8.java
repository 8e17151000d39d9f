package org.roomhub.protocol;

/** UTF-8 length without allocating the encoded bytes. */
public final class Utf8 {

    private Utf8() {}

    /** Bytes {@code s} takes in UTF-8 (a lone surrogate counts as the 3-byte replacement). */
    public static int length(CharSequence s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
