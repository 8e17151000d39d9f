package org.roomhub.hub.storage;

/**
 * What {@link RoomStore#list(ListOptions)} returns: keys with {@code prefix}, {@code start <= key < end},
 * at most {@code limit} of them, in ascending key order or descending when {@code reverse}. Keys are
 * ordered by their UTF-8 bytes (= Unicode code point order). Null bounds/prefix mean "none".
 *
 * @param prefix  only keys starting with this, or null
 * @param start   first key (inclusive), or null
 * @param end     key after the last (exclusive), or null
 * @param limit   maximum number of entries, &gt; 0
 * @param reverse descending order; with a limit, the entries nearest {@code end} are returned
 */
public record ListOptions(String prefix, String start, String end, int limit, boolean reverse) {

    /** Validates the limit. */
    public ListOptions {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0: " + limit);
        }
    }

    /** Every key, ascending. */
    public static ListOptions all() {
        return new ListOptions(null, null, null, Integer.MAX_VALUE, false);
    }

    /** Keys starting with {@code prefix}, ascending. */
    public static ListOptions withPrefix(String prefix) {
        return all().prefix(prefix);
    }

    /** A copy with another prefix. */
    public ListOptions prefix(String value) {
        return new ListOptions(value, start, end, limit, reverse);
    }

    /** A copy with another inclusive start key. */
    public ListOptions start(String value) {
        return new ListOptions(prefix, value, end, limit, reverse);
    }

    /** A copy with another exclusive end key. */
    public ListOptions end(String value) {
        return new ListOptions(prefix, start, value, limit, reverse);
    }

    /** A copy with another limit. */
    public ListOptions limit(int value) {
        return new ListOptions(prefix, start, end, value, reverse);
    }

    /** A copy with another direction. */
    public ListOptions reverse(boolean value) {
        return new ListOptions(prefix, start, end, limit, value);
    }
}
