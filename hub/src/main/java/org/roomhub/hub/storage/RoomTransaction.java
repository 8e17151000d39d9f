package org.roomhub.hub.storage;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Operations inside {@link RoomStore#transaction}: reads see the transaction's own writes; the writes
 * become visible to others and durable together, when the transaction body returns.
 */
public interface RoomTransaction {

    /** The value of {@code key}, if any. */
    Optional<byte[]> get(String key);

    /** The values of those {@code keys} that exist, in the order given. */
    Map<String, byte[]> get(Collection<String> keys);

    /** Sets {@code key} to {@code value}. */
    void put(String key, byte[] value);

    /** Sets all {@code entries}. */
    void put(Map<String, byte[]> entries);

    /** Deletes {@code key}. */
    void delete(String key);

    /** Deletes all {@code keys}. */
    void delete(Collection<String> keys);

    /** Entries selected by {@code options}, including this transaction's writes. */
    SortedMap<String, byte[]> list(ListOptions options);

    /** The alarm time, if any. */
    Optional<Long> getAlarm();

    /** Sets the alarm time. */
    void setAlarm(long epochMillis);

    /** Removes the alarm. */
    void deleteAlarm();

    /** Discards every write of this transaction; nothing will be committed. */
    void rollback();
}
