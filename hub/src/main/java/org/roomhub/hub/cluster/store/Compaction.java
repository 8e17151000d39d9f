package org.roomhub.hub.cluster.store;

import org.infinispan.AdvancedCache;

/**
 * Moves a room's head to a newer checkpoint (compare-and-set, forward only), then removes the entries
 * before it. The head moves first: a reader that meets a gap left by the removal and claims there sees
 * the newer head when it checks its claim, and reads again (see {@link RoomOpener}).
 *
 * <p>Claims are never removed. A stale host's next write always targets the slot where the host that
 * opened after it claimed (that opener claimed the first free slot, and the stale host had written every
 * slot below it). Were that claim removed, the stale write would land in a compacted slot below the head,
 * be acknowledged, and be invisible to every reader: a lost write. Kept, it makes that write fail.
 */
final class Compaction {

    private Compaction() {}

    static void run(AdvancedCache<String, Object> cache, String room, long checkpoint, java.util.Set<Long> keep) {
        long old = advanceHead(cache, RoomLog.head(room), checkpoint);
        if (old < checkpoint) {
            for (long n = checkpoint - 1; n >= Math.max(1, old); n--) {
                if (!keep.contains(n)) {
                    cache.remove(RoomLog.entry(room, n));
                }
            }
        }
    }

    /** Sets the head to {@code to} unless it is already there or beyond; returns the head before. */
    static long advanceHead(AdvancedCache<String, Object> cache, String headKey, long to) {
        while (true) {
            Object current = cache.get(headKey);
            if (current == null) {
                if (cache.putIfAbsent(headKey, to) == null) {
                    return 0;
                }
            } else if ((Long) current >= to) {
                return (Long) current;
            } else if (cache.replace(headKey, current, to)) {
                return (Long) current;
            }
        }
    }
}
