package org.roomhub.hub.cluster.store;

import org.infinispan.AdvancedCache;

/**
 * Moves a room's head to a newer checkpoint (compare-and-set, forward only), then removes the entries
 * before it. The head moves first: a reader that meets a gap left by the removal and claims there sees
 * the newer head when it checks its claim, and reads again (see {@link RoomOpener}).
 */
final class Compaction {

    private Compaction() {}

    static void run(AdvancedCache<String, Object> cache, String room, long checkpoint) {
        long old = advanceHead(cache, RoomLog.head(room), checkpoint);
        if (old < checkpoint) {
            for (long n = checkpoint - 1; n >= Math.max(1, old); n--) {
                cache.remove(RoomLog.entry(room, n));
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
