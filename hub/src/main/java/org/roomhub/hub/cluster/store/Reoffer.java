package org.roomhub.hub.cluster.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.infinispan.AdvancedCache;
import org.roomhub.hub.storage.Storage;

/**
 * Puts a member's earlier engine files ({@link EarlierCopies}) back into the cluster after it (re)started.
 * Safe at any time: a log entry is written once and every copy of it is equal, so {@code putIfAbsent}
 * adds only what the cluster lacks, and as a write it reaches every owner the room has now; a head only
 * moves forward. Stale entries (compacted elsewhere meanwhile) come back below the head, where no
 * reader looks. Entries go first, heads after, so a head never names a checkpoint not yet offered.
 */
final class Reoffer {

    private final AdvancedCache<String, Object> cache;
    private final Path copy;

    Reoffer(AdvancedCache<String, Object> cache, Path copy) {
        this.cache = cache;
        this.copy = copy;
    }

    void run() {
        Map<String, Object> contents;
        try (Storage storage = Storage.open(copy)) {
            contents = EngineStore.contentsOf(storage);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the earlier cluster store " + copy, e);
        }
        for (Map.Entry<String, Object> e : contents.entrySet()) {
            if (RoomLog.isEntry(e.getKey())) {
                cache.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Object> e : contents.entrySet()) {
            if (!RoomLog.isEntry(e.getKey()) && e.getValue() instanceof Long head) {
                Compaction.advanceHead(cache, e.getKey(), head);
            }
        }
    }
}
