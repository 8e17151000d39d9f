package org.roomhub.hub.cluster.store;

import java.util.List;
import org.infinispan.conflict.EntryMergePolicy;
import org.infinispan.container.entries.CacheEntry;

/**
 * Resolves copies of a {@code roomhub-rooms} key that differ after partitions merge (for instance
 * members that started apart after a full restart and re-offered into different clusters): a head
 * takes the furthest copy (heads only move forward), a log entry the preferred partition's copy or,
 * when it has none, any other (entries are written once, so a missing copy is never a deletion to keep).
 */
final class LogMergePolicy implements EntryMergePolicy<String, Object> {

    @Override
    public CacheEntry<String, Object> merge(CacheEntry<String, Object> preferred, List<CacheEntry<String, Object>> others) {
        CacheEntry<String, Object> chosen = present(preferred) ? preferred : null;
        for (CacheEntry<String, Object> other : others) {
            if (!present(other)) {
                continue;
            }
            if (chosen == null || (other.getValue() instanceof Long h && chosen.getValue() instanceof Long c && h > c)) {
                chosen = other;
            }
        }
        return chosen;
    }

    private static boolean present(CacheEntry<String, Object> e) {
        return e != null && e.getValue() != null;
    }
}
