package org.roomhub.hub.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** {@link RoomStore} of one room: validates, encodes keys, orders the room's writes, reads through the view. */
final class DefaultRoomStore implements RoomStore {

    private final Engine engine;
    private final RoomKeys keys;
    /** Orders this room's writes: overlay and queue see them in the same order. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    DefaultRoomStore(Engine engine, RoomKeys keys) {
        this.engine = engine;
        this.keys = keys;
    }

    @Override
    public String roomId() {
        return keys.roomId();
    }

    RoomKeys keys() {
        return keys;
    }

    Engine engine() {
        return engine;
    }

    @Override
    public Optional<byte[]> get(String key) {
        byte[] k = keys.data(key);
        engine.lifecycle.checkReadable();
        byte[] v = engine.view.get(k);
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    @Override
    public Map<String, byte[]> get(Collection<String> keyList) {
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (String key : keyList) {
            get(key).ifPresent(v -> result.put(key, v));
        }
        return result;
    }

    @Override
    public CompletableFuture<Void> put(String key, byte[] value) {
        return put(Map.of(key, value));
    }

    @Override
    public CompletableFuture<Void> put(Map<String, byte[]> entries) {
        List<Op> ops = new ArrayList<>(entries.size());
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            ops.add(putOp(e.getKey(), e.getValue()));
        }
        return write(ops);
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
        return write(List.of(new Op.Delete(keys.data(key))));
    }

    @Override
    public CompletableFuture<Void> delete(Collection<String> keyList) {
        List<Op> ops = new ArrayList<>();
        for (String key : new LinkedHashSet<>(keyList)) {
            ops.add(new Op.Delete(keys.data(key)));
        }
        return write(ops);
    }

    @Override
    public SortedMap<String, byte[]> list(ListOptions options) {
        byte[][] range = range(options);
        engine.lifecycle.checkReadable();
        return collect(engine.view.scan(range[0], range[1], options.reverse()), options);
    }

    @Override
    public CompletableFuture<Void> transaction(Consumer<RoomTransaction> body) {
        lock.lock();
        try {
            Transaction tx = new Transaction(this);
            List<Op> ops;
            try {
                body.accept(tx);
            } finally {
                ops = tx.finish();
            }
            return writeLocked(ops);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<Void> commit(WriteSet w) {
        // The record a transaction with these calls writes (ops sorted by encoded key, one per key: the
        // journal format is unchanged), built without a transaction's map or copies of the set's values.
        List<Op> ops = new ArrayList<>(w.puts().size() + w.deletes().size() + 1);
        for (Map.Entry<String, byte[]> e : w.puts().entrySet()) {
            RoomKeys.checkValue(e.getValue());
            ops.add(new Op.Put(keys.data(e.getKey()), e.getValue()));
        }
        for (String key : w.deletes()) {
            ops.add(new Op.Delete(keys.data(key)));
        }
        w.alarm().ifPresent(at -> ops.add(at.isPresent() ? alarmOp(at.getAsLong()) : new Op.Delete(keys.alarmKey())));
        ops.sort((a, b) -> java.util.Arrays.compareUnsigned(keyOf(a), keyOf(b)));
        return write(ops);
    }

    private static byte[] keyOf(Op op) {
        return op instanceof Op.Put p ? p.key() : ((Op.Delete) op).key();
    }

    @Override
    public CompletableFuture<Void> deleteAll() {
        return write(List.of(new Op.DeleteRange(keys.dataStart(), keys.dataEnd())));
    }

    @Override
    public CompletableFuture<Void> deleteRoom() {
        return write(List.of(new Op.DeleteRange(keys.dataStart(), keys.dataEnd()), new Op.Delete(keys.alarmKey())));
    }

    @Override
    public Optional<Long> getAlarm() {
        engine.lifecycle.checkReadable();
        return decodeAlarm(engine.view.get(keys.alarmKey()));
    }

    @Override
    public CompletableFuture<Void> setAlarm(long epochMillis) {
        return write(List.of(alarmOp(epochMillis)));
    }

    @Override
    public CompletableFuture<Void> deleteAlarm() {
        return write(List.of(new Op.Delete(keys.alarmKey())));
    }

    @Override
    public CompletableFuture<Void> durable() {
        CompletableFuture<Void> f = last;
        return f.isDone() && !f.isCompletedExceptionally() ? CompletableFuture.completedFuture(null) : f.copy();
    }

    @Override
    public long approximateBytes() {
        engine.lifecycle.checkReadable();
        long total = 0;
        Iterator<Map.Entry<byte[], byte[]>> it = engine.view.scan(keys.dataStart(), keys.dataEnd(), false);
        while (it.hasNext()) {
            Map.Entry<byte[], byte[]> e = it.next();
            total += e.getKey().length - keys.dataStart().length + e.getValue().length;
        }
        return total;
    }

    // --- helpers shared with Transaction ---

    Op.Put putOp(String key, byte[] value) {
        RoomKeys.checkValue(value);
        return new Op.Put(keys.data(key), value.clone());
    }

    Op.Put alarmOp(long epochMillis) {
        return new Op.Put(keys.alarmKey(), ByteBuffer.allocate(8).putLong(epochMillis).array());
    }

    static Optional<Long> decodeAlarm(byte[] value) {
        return value == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(value).getLong());
    }

    /** Encoded {@code [from, to)} of a list request. */
    byte[][] range(ListOptions options) {
        byte[] from = keys.dataStart();
        byte[] to = keys.dataEnd();
        if (options.prefix() != null) {
            from = keys.data(options.prefix());
            to = keys.prefixEnd(options.prefix());
        }
        if (options.start() != null) {
            from = max(from, keys.data(options.start()));
        }
        if (options.end() != null) {
            to = min(to, keys.data(options.end()));
        }
        return new byte[][] {from, to};
    }

    SortedMap<String, byte[]> collect(Iterator<Map.Entry<byte[], byte[]>> it, ListOptions options) {
        SortedMap<String, byte[]> result = new java.util.TreeMap<>(options.reverse() ? Utf8Order.INSTANCE.reversed()
                : Utf8Order.INSTANCE);
        while (result.size() < options.limit() && it.hasNext()) {
            Map.Entry<byte[], byte[]> e = it.next();
            result.put(keys.keyOf(e.getKey()), e.getValue().clone());
        }
        return result;
    }

    private static byte[] max(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] min(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }

    private CompletableFuture<Void> write(List<Op> ops) {
        lock.lock();
        try {
            return writeLocked(ops);
        } finally {
            lock.unlock();
        }
    }

    private CompletableFuture<Void> writeLocked(List<Op> ops) {
        if (ops.isEmpty()) {
            return durable();
        }
        Record record = new Record(ops);
        engine.submit(record);
        // durable() derives from the very future handed out here, not from a sibling copy: dependents
        // of one future fire in LIFO order, so a sibling could complete before this writer's own.
        CompletableFuture<Void> handedOut = record.durable.copy();
        last = handedOut;
        return handedOut;
    }
}
