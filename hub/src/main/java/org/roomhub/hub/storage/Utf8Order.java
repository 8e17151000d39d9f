package org.roomhub.hub.storage;

import java.util.Comparator;

/**
 * Orders strings as their UTF-8 bytes compare unsigned, i.e. by Unicode code point (this differs from
 * {@link String#compareTo} only for characters above U+FFFF versus U+E000..U+FFFF).
 */
public final class Utf8Order implements Comparator<String> {

    public static final Utf8Order INSTANCE = new Utf8Order();

    private Utf8Order() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
