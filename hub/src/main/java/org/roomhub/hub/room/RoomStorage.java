package org.roomhub.hub.room;

import java.util.Collection;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.function.Consumer;

/**
 * A room's durable key-value storage. Values are serialized as JSON. Reads see the room's own
 * writes at once; writes made during one event commit together when it ends (or are discarded if
 * it throws), and frames sent during that event wait until they are durable.
 */
public interface RoomStorage {

    /** The value at {@code key}, read as {@code type}. */
    <T> Optional<T> get(String key, Class<T> type);

    /** Stores {@code value} at {@code key}. */
    void put(String key, Object value);

    /**
     * Stores a value already serialized: {@code json} is the UTF-8 JSON {@link #put} would write for it
     * (e.g. cut from a frame just broadcast). Kept as given, never modified.
     */
    void putJson(String key, byte[] json);

    /** Removes {@code key}; true when it existed. */
    boolean delete(String key);

    /** Removes several keys. */
    void delete(Collection<String> keys);

    /** Entries in key order matching {@code options}. */
    <T> SortedMap<String, T> list(ListOptions options, Class<T> type);

    /** The keys {@link #list} would return for {@code options}, in its order, without reading their values. */
    SortedSet<String> keys(ListOptions options);

    /** Runs {@code body} so its writes apply together (every event already is one transaction). */
    void transaction(Consumer<RoomStorage> body);

    /** Removes everything the room stored. */
    void deleteAll();

    /** Bytes the room's data takes, roughly. */
    long approximateBytes();

    /**
     * Which entries {@link #list} returns.
     *
     * @param prefix keys starting with this (empty for all)
     * @param start first key, inclusive (null: from the beginning)
     * @param end last key, exclusive (null: to the end)
     * @param limit most entries (0: no limit)
     * @param reverse newest (largest) keys first
     */
    record ListOptions(String prefix, String start, String end, int limit, boolean reverse) {
        /** Every key with {@code prefix}. */
        public static ListOptions prefix(String prefix) {
            return new ListOptions(prefix, null, null, 0, false);
        }

        /** The same with a start key. */
        public ListOptions from(String startKey) {
            return new ListOptions(prefix, startKey, end, limit, reverse);
        }

        /** The same with a limit. */
        public ListOptions limit(int most) {
            return new ListOptions(prefix, start, end, most, reverse);
        }

        /** The same in reverse order. */
        public ListOptions reversed() {
            return new ListOptions(prefix, start, end, limit, !reverse);
        }
    }
}
