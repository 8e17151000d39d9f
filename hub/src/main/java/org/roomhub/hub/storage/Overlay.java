package org.roomhub.hub.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepted writes that are not yet applied to the working slot (pending or journaled), so that a room
 * reads its own writes at once. Held in generations, oldest first: writers add to the newest; after each
 * round the applier seals the newest and drops, whole, every oldest generation whose records it has all
 * applied (instead of removing each key it applied: one skip-list descent per key).
 *
 * <p>Why that is correct: a room's writes are serialized and the newest generation only changes forward,
 * so within a room a later write is in the same or a newer generation. Reads look newest first (per
 * generation: entry, then range tombstone), then the slot; dropping only a prefix keeps every generation
 * newer than one still held, so a dropped write is never shadowed by an older held one. An entry is newer
 * than a tombstone of its own generation covering it (adding a tombstone drops the covered entries).
 */
final class Overlay {

    /** Stands for a pending delete among the entries (a skip list holds no null values). */
    static final byte[] DELETED = new byte[0];

    /** A pending delete of {@code [from, to)}. */
    record RangeTombstone(byte[] from, byte[] to) {
        boolean covers(byte[] key) {
            return Arrays.compareUnsigned(key, from) >= 0 && Arrays.compareUnsigned(key, to) < 0;
        }
    }

    /** The writes of records accepted between two seals. */
    static final class Generation {
        final ConcurrentSkipListMap<byte[], byte[]> entries = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
        final ConcurrentSkipListMap<byte[], RangeTombstone> ranges = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
        /** Records added (or being added) and not yet applied. */
        final AtomicInteger unapplied = new AtomicInteger();
        /** Set by the applier: writers no longer add here. */
        volatile boolean sealed;

        /** Called by the applier once per record of this generation it applied. */
        void applied() {
            unapplied.decrementAndGet();
        }

        boolean deletedByRange(byte[] key) {
            if (ranges.isEmpty()) {
                return false;
            }
            Map.Entry<byte[], RangeTombstone> floor = ranges.floorEntry(key);
            return floor != null && floor.getValue().covers(key);
        }
    }

    /** Oldest first; the last one takes new writes. Replaced (never changed) by the applier alone. */
    private volatile Generation[] live = {new Generation()};

    /** Makes {@code record} visible and ties it to its generation. Callers serialize writes per room. */
    void add(Record record) {
        Generation g;
        while (true) {
            Generation[] gens = live;
            g = gens[gens.length - 1];
            // Counted before the seal is checked, and the applier seals before it reads the count: a
            // generation is never dropped under a writer that found it open.
            g.unapplied.incrementAndGet();
            if (!g.sealed) {
                break;
            }
            g.unapplied.decrementAndGet();
        }
        record.generation = g;
        for (Op op : record.ops) {
            if (op instanceof Op.Put p) {
                g.entries.put(p.key(), p.value());
            } else if (op instanceof Op.Delete d) {
                g.entries.put(d.key(), DELETED);
            } else if (op instanceof Op.DeleteRange r) {
                g.ranges.put(r.from(), new RangeTombstone(r.from(), r.to()));
                g.entries.subMap(r.from(), true, r.to(), false).clear();
            }
        }
    }

    /**
     * After an applier round (its records marked {@link Generation#applied()}): seals the newest generation
     * if it holds anything, and drops the oldest ones whose records are all applied. Applier thread only.
     */
    void settle() {
        Generation[] gens = live;
        Generation newest = gens[gens.length - 1];
        boolean seal = !newest.entries.isEmpty() || !newest.ranges.isEmpty() || newest.unapplied.get() != 0;
        if (seal) {
            newest.sealed = true;
        }
        int drop = 0;
        while (drop < gens.length && gens[drop].sealed && gens[drop].unapplied.get() == 0) {
            drop++;
        }
        if (!seal && drop == 0) {
            return;
        }
        List<Generation> next = new ArrayList<>(Arrays.asList(gens).subList(drop, gens.length));
        if (seal) {
            next.add(new Generation());
        }
        live = next.toArray(new Generation[0]);
    }

    /** The pending value of {@code key}: {@link #DELETED} for a pending delete, null if none is pending. */
    byte[] find(byte[] key) {
        Generation[] gens = live;
        for (int i = gens.length - 1; i >= 0; i--) {
            byte[] v = gens[i].entries.get(key);
            if (v != null) {
                return v;
            }
            if (gens[i].deletedByRange(key)) {
                return DELETED;
            }
        }
        return null;
    }

    /** The pending entries in {@code [from, to)}, newest write per key, a null value marking a pending delete. */
    NavigableMap<byte[], byte[]> snapshot(byte[] from, byte[] to) {
        TreeMap<byte[], byte[]> copy = new TreeMap<>(Arrays::compareUnsigned);
        for (Generation g : live) {
            for (RangeTombstone t : tombstones(g, from, to)) {
                copy.subMap(max(t.from(), from), true, min(t.to(), to), false).clear();
            }
            for (Map.Entry<byte[], byte[]> e : g.entries.subMap(from, true, to, false).entrySet()) {
                copy.put(e.getKey(), e.getValue() == DELETED ? null : e.getValue());
            }
        }
        return copy;
    }

    /** The pending range deletes intersecting {@code [from, to)}. */
    List<RangeTombstone> rangesSnapshot(byte[] from, byte[] to) {
        List<RangeTombstone> result = new ArrayList<>();
        for (Generation g : live) {
            result.addAll(tombstones(g, from, to));
        }
        return result;
    }

    private static List<RangeTombstone> tombstones(Generation g, byte[] from, byte[] to) {
        if (g.ranges.isEmpty()) {
            return List.of();
        }
        List<RangeTombstone> result = new ArrayList<>();
        Map.Entry<byte[], RangeTombstone> floor = g.ranges.floorEntry(from);
        if (floor != null && Arrays.compareUnsigned(floor.getValue().to(), from) > 0) {
            result.add(floor.getValue());
        }
        result.addAll(g.ranges.subMap(from, false, to, false).values());
        return result;
    }

    private static byte[] max(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static byte[] min(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /** How many generations are held (tests: the applier lets go of applied ones). */
    int generations() {
        return live.length;
    }

    boolean isEmpty() {
        for (Generation g : live) {
            if (!g.entries.isEmpty() || !g.ranges.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
