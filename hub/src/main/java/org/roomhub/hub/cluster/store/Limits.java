package org.roomhub.hub.cluster.store;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.roomhub.hub.storage.StorageOptions;
import org.roomhub.hub.storage.WriteSet;

/** The local engine's limits, checked before a write is accepted, so both stores refuse the same writes. */
final class Limits {

    static final int MAX_KEY_BYTES = 2048;
    static final int MAX_VALUE_BYTES = 128 * 1024;

    private Limits() {}

    static void check(WriteSet w) {
        long total = 0;
        for (Map.Entry<String, byte[]> e : w.puts().entrySet()) {
            total += key(e.getKey());
            if (e.getValue().length > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException("value is " + e.getValue().length + " bytes, more than " + MAX_VALUE_BYTES);
            }
            total += e.getValue().length;
        }
        for (String k : w.deletes()) {
            total += key(k);
        }
        if (total > StorageOptions.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("one write of " + total + " bytes, more than " + StorageOptions.MAX_RECORD_BYTES);
        }
    }

    private static int key(String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        byte[] b = key.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key is " + b.length + " bytes, more than " + MAX_KEY_BYTES);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < key.length()
                    && Character.isLowSurrogate(key.charAt(++i)))) {
                throw new IllegalArgumentException("key has an unpaired surrogate");
            }
        }
        return b.length;
    }
}
