package org.roomhub.hub.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The writes of one room event, from the room API to the journal: puts, deletes and an alarm
 * change, committed by {@link RoomStore#commit} as ONE atomic record. The last write to a key wins
 * (a put after a delete is a put, and the other way round); reads of the event go through it first
 * ({@link #touches}, {@link #pending}). Not thread-safe: one event builds it on its room's queue.
 */
public final class WriteSet {

    private final Map<String, byte[]> puts = new LinkedHashMap<>();
    private final Set<String> deletes = new LinkedHashSet<>();
    private Optional<OptionalLong> alarm = Optional.empty();

    /** Sets {@code key} to {@code value}. */
    public void put(String key, byte[] value) {
        deletes.remove(key);
        puts.put(key, value);
    }

    /** Deletes {@code key} (a no-op in storage when it is absent). */
    public void delete(String key) {
        puts.remove(key);
        deletes.add(key);
    }

    /** Sets the alarm to {@code at} epoch ms, or clears it when empty. */
    public void setAlarm(OptionalLong at) {
        alarm = Optional.of(at);
    }

    /** Whether this set writes or deletes {@code key}. */
    public boolean touches(String key) {
        return puts.containsKey(key) || deletes.contains(key);
    }

    /** The value this set gives {@code key}: empty when it deletes it (or does not touch it, see {@link #touches}). */
    public Optional<byte[]> pending(String key) {
        return Optional.ofNullable(puts.get(key));
    }

    /** Keys set, with their values, in the order first written. */
    public Map<String, byte[]> puts() {
        return Collections.unmodifiableMap(puts);
    }

    /** Keys deleted. */
    public Set<String> deletes() {
        return Collections.unmodifiableSet(deletes);
    }

    /** Every key put or deleted. */
    public List<String> keys() {
        List<String> all = new java.util.ArrayList<>(puts.keySet());
        all.addAll(deletes);
        return all;
    }

    /** Empty: the alarm is untouched; an empty {@code OptionalLong}: cleared; else set to that time. */
    public Optional<OptionalLong> alarm() {
        return alarm;
    }

    /** Whether nothing is written: no put, no delete, no alarm change. */
    public boolean isEmpty() {
        return puts.isEmpty() && deletes.isEmpty() && alarm.isEmpty();
    }
}
