package org.roomhub.hub.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Accepted writes that are not yet applied to the working slot (pending or journaled), so that a room
 * reads its own writes at once. Entries are added when a write is accepted and removed by the applier
 * after it applied the same record to MapDB (conditionally, so a newer write of the key stays).
 *
 * <p>Read order is entry, then range tombstone, then slot. An entry is always newer than a range tombstone
 * covering it (adding a tombstone drops the covered entries), and the applier applies in order and removes
 * a tombstone before the entries of later records, which makes that order correct without locks.
 */
final class Overlay {

    /** A pending value ({@code value == null} marks a pending delete) and the record that wrote it. */
    record Entry(Record record, byte[] value) {
    }

    /** A pending delete of {@code [from, to)}. */
    record RangeTombstone(Record record, byte[] from, byte[] to) {
        boolean covers(byte[] key) {
            return Arrays.compareUnsigned(key, from) >= 0 && Arrays.compareUnsigned(key, to) < 0;
        }
    }

    private final ConcurrentSkipListMap<byte[], Entry> entries = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final ConcurrentSkipListMap<byte[], RangeTombstone> ranges = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

    /** Makes {@code record} visible. Callers serialize writes per room. */
    void add(Record record) {
        for (Op op : record.ops) {
            if (op instanceof Op.Put p) {
                entries.put(p.key(), new Entry(record, p.value()));
            } else if (op instanceof Op.Delete d) {
                entries.put(d.key(), new Entry(record, null));
            } else if (op instanceof Op.DeleteRange r) {
                ranges.put(r.from(), new RangeTombstone(record, r.from(), r.to()));
                entries.subMap(r.from(), true, r.to(), false).clear();
            }
        }
    }

    /** Forgets what {@code record} wrote, unless a newer record wrote the same key since. */
    void remove(Record record) {
        for (Op op : record.ops) {
            if (op instanceof Op.Put p) {
                entries.computeIfPresent(p.key(), (k, e) -> e.record() == record ? null : e);
            } else if (op instanceof Op.Delete d) {
                entries.computeIfPresent(d.key(), (k, e) -> e.record() == record ? null : e);
            } else if (op instanceof Op.DeleteRange r) {
                ranges.computeIfPresent(r.from(), (k, t) -> t.record() == record ? null : t);
            }
        }
    }

    /** Forgets what a round applied: per key, its last write in the round, unless a newer record wrote it since. */
    void remove(Round round) {
        for (Round.Write w : round.last) {
            Record record = w.record();
            entries.computeIfPresent(w.key(), (k, e) -> e.record() == record ? null : e);
        }
    }

    /** The pending entry for {@code key}, or null. */
    Entry entry(byte[] key) {
        return entries.get(key);
    }

    /** Whether a pending range delete covers {@code key}. */
    boolean deletedByRange(byte[] key) {
        Map.Entry<byte[], RangeTombstone> floor = ranges.floorEntry(key);
        return floor != null && floor.getValue().covers(key);
    }

    /** Copy of the entries in {@code [from, to)}, a null value marking a pending delete. */
    NavigableMap<byte[], byte[]> snapshot(byte[] from, byte[] to) {
        TreeMap<byte[], byte[]> copy = new TreeMap<>(Arrays::compareUnsigned);
        for (Map.Entry<byte[], Entry> e : entries.subMap(from, true, to, false).entrySet()) {
            copy.put(e.getKey(), e.getValue().value());
        }
        return copy;
    }

    /** Copy of the range tombstones intersecting {@code [from, to)}. */
    List<RangeTombstone> rangesSnapshot(byte[] from, byte[] to) {
        List<RangeTombstone> result = new ArrayList<>();
        Map.Entry<byte[], RangeTombstone> floor = ranges.floorEntry(from);
        if (floor != null && Arrays.compareUnsigned(floor.getValue().to(), from) > 0) {
            result.add(floor.getValue());
        }
        result.addAll(ranges.subMap(from, false, to, false).values());
        return result;
    }

    boolean isEmpty() {
        return entries.isEmpty() && ranges.isEmpty();
    }
}
