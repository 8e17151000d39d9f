package org.roomhub.hub.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A {@link RoomTransaction}: buffers writes (last write per key wins, null value = delete) and reads
 * through them onto the room's view; {@link #finish()} turns them into one record's operations.
 */
final class Transaction implements RoomTransaction {

    private final DefaultRoomStore room;
    private final TreeMap<byte[], byte[]> writes = new TreeMap<>(Arrays::compareUnsigned);
    private boolean rolledBack;
    private boolean finished;

    Transaction(DefaultRoomStore room) {
        this.room = room;
    }

    @Override
    public Optional<byte[]> get(String key) {
        byte[] k = room.keys().data(key);
        checkActive();
        if (writes.containsKey(k)) {
            byte[] v = writes.get(k);
            return v == null ? Optional.empty() : Optional.of(v.clone());
        }
        return room.get(key);
    }

    @Override
    public Map<String, byte[]> get(Collection<String> keys) {
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (String key : keys) {
            get(key).ifPresent(v -> result.put(key, v));
        }
        return result;
    }

    @Override
    public void put(String key, byte[] value) {
        checkWritable();
        Op.Put op = room.putOp(key, value);
        writes.put(op.key(), op.value());
    }

    @Override
    public void put(Map<String, byte[]> entries) {
        entries.forEach(this::put);
    }

    @Override
    public void delete(String key) {
        checkWritable();
        writes.put(room.keys().data(key), null);
    }

    @Override
    public void delete(Collection<String> keys) {
        keys.forEach(this::delete);
    }

    @Override
    public SortedMap<String, byte[]> list(ListOptions options) {
        checkActive();
        byte[][] range = room.range(options);
        room.engine().lifecycle.checkReadable();
        if (Arrays.compareUnsigned(range[0], range[1]) >= 0) {
            return room.collect(java.util.Collections.emptyIterator(), options);
        }
        NavigableMap<byte[], byte[]> mine = writes.subMap(range[0], true, range[1], false);
        var top = (options.reverse() ? mine.descendingMap() : mine).entrySet().iterator();
        var bottom = room.engine().view.scan(range[0], range[1], options.reverse());
        return room.collect(new MergingIterator(top, bottom, k -> false, options.reverse()), options);
    }

    @Override
    public Optional<Long> getAlarm() {
        checkActive();
        byte[] k = room.keys().alarmKey();
        if (writes.containsKey(k)) {
            return DefaultRoomStore.decodeAlarm(writes.get(k));
        }
        return room.getAlarm();
    }

    @Override
    public void setAlarm(long epochMillis) {
        checkWritable();
        Op.Put op = room.alarmOp(epochMillis);
        writes.put(op.key(), op.value());
    }

    @Override
    public void deleteAlarm() {
        checkWritable();
        writes.put(room.keys().alarmKey(), null);
    }

    @Override
    public void rollback() {
        checkActive();
        rolledBack = true;
        writes.clear();
    }

    private void checkWritable() {
        checkActive();
        if (rolledBack) {
            throw new IllegalStateException("transaction was rolled back; it cannot write any more");
        }
    }

    private void checkActive() {
        if (finished) {
            throw new IllegalStateException("transaction already ended");
        }
    }

    /** Ends the transaction; its operations, empty if rolled back. */
    List<Op> finish() {
        finished = true;
        List<Op> ops = new ArrayList<>(writes.size());
        if (!rolledBack) {
            writes.forEach((k, v) -> ops.add(v == null ? new Op.Delete(k) : new Op.Put(k, v)));
        }
        return ops;
    }
}
