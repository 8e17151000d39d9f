package org.roomhub.hub.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.roomhub.hub.storage.ListOptions;
import org.roomhub.hub.storage.RoomStore;

/**
 * One page of a room's stored keys for {@code GET /api/rooms/{type}/{name}/storage}:
 * {@code {entries:[{key, bytes, value}], next}}. A value of up to {@value #MAX_VALUE_BYTES} bytes that is
 * JSON is given as JSON; a longer one (or one that is not JSON) as a string of its first
 * {@value #MAX_VALUE_BYTES} bytes, with {@code truncated: true} when it was cut. {@code next} is the key
 * to pass as {@code after} for the next page, or null on the last page.
 */
final class StoragePage {

    /** Longest value shown whole. */
    static final int MAX_VALUE_BYTES = 4096;
    /** Entries per page unless {@code limit} says otherwise. */
    static final int DEFAULT_LIMIT = 100;
    /** Most entries per page. */
    static final int MAX_LIMIT = 1000;

    private StoragePage() {}

    /** Keys with {@code prefix} (null: all) after {@code after} (exclusive, null: from the first), at most {@code limit}. */
    static Map<String, Object> read(RoomStore data, String prefix, String after, int limit, ObjectMapper json) {
        // The start key is inclusive, so ask for one more than the page and skip `after` itself.
        SortedMap<String, byte[]> found = data.list(ListOptions.all().prefix(blankToNull(prefix)).start(blankToNull(after)).limit(limit + 2));
        List<Map<String, Object>> entries = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (Map.Entry<String, byte[]> e : found.entrySet()) {
            if (e.getKey().equals(after)) {
                continue;
            }
            if (entries.size() == limit) {
                more = true;
                break;
            }
            entries.add(entry(e.getKey(), e.getValue(), json));
            last = e.getKey();
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("entries", entries);
        page.put("next", more ? last : null);
        return page;
    }

    private static Map<String, Object> entry(String key, byte[] value, ObjectMapper json) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("key", key);
        e.put("bytes", value.length);
        if (value.length <= MAX_VALUE_BYTES) {
            try {
                JsonNode node = json.readTree(value);
                if (node != null && !node.isMissingNode()) {
                    e.put("value", node);
                    return e;
                }
            } catch (IOException notJson) {
                // shown as text below
            }
        }
        e.put("value", utf8Prefix(value, MAX_VALUE_BYTES));
        if (value.length > MAX_VALUE_BYTES) {
            e.put("truncated", true);
        }
        return e;
    }

    /** The text of the first {@code max} bytes, never splitting a character (a cut one is left out). */
    private static String utf8Prefix(byte[] value, int max) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(max);
        decoder.decode(ByteBuffer.wrap(value, 0, Math.min(max, value.length)), out, value.length <= max);
        out.flip();
        return out.toString();
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
