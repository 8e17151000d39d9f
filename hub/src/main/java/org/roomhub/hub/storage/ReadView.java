package org.roomhub.hub.storage;

import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Reads through the overlay of accepted-but-unapplied writes onto the MapDB working slot, so every write
 * is visible as soon as it was accepted. Never waits for the engine threads.
 */
final class ReadView {

    private final Overlay overlay;
    private final Slot slot;

    ReadView(Overlay overlay, Slot slot) {
        this.overlay = overlay;
        this.slot = slot;
    }

    /** Current value of an encoded key, or null. The array must not be modified. */
    byte[] get(byte[] key) {
        byte[] pending = overlay.find(key);
        if (pending != null) {
            return pending == Overlay.DELETED ? null : pending;
        }
        return slot.map().get(key);
    }

    /**
     * Live entries with encoded keys in {@code [from, to)}, ascending or descending. The overlay is
     * snapshotted first, then the slot is iterated lazily: a key applied meanwhile was either already in
     * the slot or is in the snapshot, which wins.
     */
    Iterator<Map.Entry<byte[], byte[]>> scan(byte[] from, byte[] to, boolean reverse) {
        if (Arrays.compareUnsigned(from, to) >= 0) {
            return Collections.emptyIterator();
        }
        NavigableMap<byte[], byte[]> pending = overlay.snapshot(from, to);
        List<Overlay.RangeTombstone> tombstones = overlay.rangesSnapshot(from, to);
        Iterator<Map.Entry<byte[], byte[]>> bottom = reverse
                ? new DescendingRetry<>(to, bound -> slot.map().subMap(from, true, bound, false).descendingMap().entrySet().iterator(),
                        Map.Entry::getKey)
                : slot.map().subMap(from, true, to, false).entrySet().iterator();
        return new MergingIterator(
                (reverse ? pending.descendingMap() : pending).entrySet().iterator(),
                bottom,
                key -> tombstones.stream().anyMatch(t -> t.covers(key)),
                reverse);
    }

    /** Accepted-but-unapplied live keys in {@code [from, to)} (for listing rooms whose data is not in the slot yet). */
    NavigableMap<byte[], byte[]> pending(byte[] from, byte[] to) {
        return overlay.snapshot(from, to);
    }

    /**
     * Like {@link #scan}, but the slot's values are not read (the B-tree keeps them outside its nodes: one
     * record read each); the entries' values are not to be used.
     */
    Iterator<Map.Entry<byte[], byte[]>> scanKeys(byte[] from, byte[] to, boolean reverse) {
        if (Arrays.compareUnsigned(from, to) >= 0) {
            return Collections.emptyIterator();
        }
        NavigableMap<byte[], byte[]> pending = overlay.snapshot(from, to);
        List<Overlay.RangeTombstone> tombstones = overlay.rangesSnapshot(from, to);
        Iterator<byte[]> keys = reverse
                ? new DescendingRetry<>(to, bound -> slot.map().subMap(from, true, bound, false).navigableKeySet().descendingIterator(),
                        key -> key)
                : slot.map().subMap(from, true, to, false).navigableKeySet().iterator();
        Iterator<Map.Entry<byte[], byte[]>> bottom = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return keys.hasNext();
            }

            @Override
            public Map.Entry<byte[], byte[]> next() {
                return new java.util.AbstractMap.SimpleImmutableEntry<>(keys.next(), NO_VALUE);
            }
        };
        return new MergingIterator((reverse ? pending.descendingMap() : pending).entrySet().iterator(), bottom,
                key -> tombstones.stream().anyMatch(t -> t.covers(key)), reverse);
    }

    private static final byte[] NO_VALUE = new byte[0];

    /** The slot's first key at or after {@code key} (for skipping through rooms). */
    byte[] slotCeilingKey(byte[] key) {
        return slot.map().ceilingKey(key);
    }
}
