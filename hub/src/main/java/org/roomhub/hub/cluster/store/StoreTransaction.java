package org.roomhub.hub.cluster.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.roomhub.hub.storage.ListOptions;
import org.roomhub.hub.storage.RoomTransaction;
import org.roomhub.hub.storage.WriteSet;

/** A transaction on a cluster room store: writes collect in a WriteSet, reads see them first. Runs under the store's lock. */
final class StoreTransaction implements RoomTransaction {

    private final ClusterRoomStore store;
    private final WriteSet writes = new WriteSet();
    private boolean rolledBack;

    StoreTransaction(ClusterRoomStore store) {
        this.store = store;
    }

    WriteSet writes() {
        return writes;
    }

    boolean rolledBack() {
        return rolledBack;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return writes.touches(key) ? writes.pending(key).map(byte[]::clone) : store.get(key);
    }

    @Override
    public Map<String, byte[]> get(Collection<String> keys) {
        Map<String, byte[]> result = new LinkedHashMap<>();
        keys.forEach(k -> get(k).ifPresent(v -> result.put(k, v)));
        return result;
    }

    @Override
    public void put(String key, byte[] value) {
        writes.put(key, value.clone());
    }

    @Override
    public void put(Map<String, byte[]> entries) {
        entries.forEach(this::put);
    }

    @Override
    public void delete(String key) {
        writes.delete(key);
    }

    @Override
    public void delete(Collection<String> keys) {
        keys.forEach(this::delete);
    }

    @Override
    public SortedMap<String, byte[]> list(ListOptions options) {
        // Unbounded read of the stored range, overlaid with this transaction's writes, then cut to the limit.
        SortedMap<String, byte[]> merged = store.list(new ListOptions(options.prefix(), options.start(), options.end(),
                Integer.MAX_VALUE, options.reverse()));
        for (String k : writes.keys()) {
            boolean inRange = (options.prefix() == null || k.startsWith(options.prefix()))
                    && (options.start() == null || RoomState.ORDER.compare(k, options.start()) >= 0)
                    && (options.end() == null || RoomState.ORDER.compare(k, options.end()) < 0);
            if (inRange) {
                writes.pending(k).ifPresentOrElse(v -> merged.put(k, v.clone()), () -> merged.remove(k));
            }
        }
        while (merged.size() > options.limit()) {
            merged.remove(merged.lastKey());
        }
        return merged;
    }

    @Override
    public Optional<Long> getAlarm() {
        return writes.alarm().isPresent()
                ? writes.alarm().get().isPresent() ? Optional.of(writes.alarm().get().getAsLong()) : Optional.empty()
                : store.getAlarm();
    }

    @Override
    public void setAlarm(long epochMillis) {
        writes.setAlarm(OptionalLong.of(epochMillis));
    }

    @Override
    public void deleteAlarm() {
        writes.setAlarm(OptionalLong.empty());
    }

    @Override
    public void rollback() {
        rolledBack = true;
    }
}
