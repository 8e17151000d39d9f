package org.roomhub.hub.cluster.store;

import java.util.Map;
import org.infinispan.AdvancedCache;

/**
 * Puts this member's stored entries back into the cluster after it (re)started. Safe at any time:
 * a log entry is written once and every copy of it is equal, so {@code putIfAbsent} adds only what
 * the cluster lacks; a head only moves forward. Stale entries (compacted elsewhere meanwhile) come
 * back below the head, where no reader looks.
 */
final class Reoffer {

    private final AdvancedCache<String, Object> cache;
    private final EngineStore local;

    Reoffer(AdvancedCache<String, Object> cache, EngineStore local) {
        this.cache = cache;
        this.local = local;
    }

    void run() {
        if (local == null) {
            return;
        }
        for (Map.Entry<String, Object> e : local.everything().entrySet()) {
            if (RoomLog.isEntry(e.getKey())) {
                cache.putIfAbsent(e.getKey(), e.getValue());
            } else if (e.getValue() instanceof Long head) {
                Compaction.advanceHead(cache, e.getKey(), head);
            }
        }
    }
}
