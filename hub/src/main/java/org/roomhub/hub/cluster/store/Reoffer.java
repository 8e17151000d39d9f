package org.roomhub.hub.cluster.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.infinispan.AdvancedCache;
import org.roomhub.hub.storage.Storage;

/**
 * Puts a member's earlier engine files ({@link EarlierCopies}) back into the cluster after it (re)started.
 * Safe at any time: a log entry is written once and every copy of it is equal, so {@code putIfAbsent}
 * adds only what the cluster lacks, and as a write it reaches every owner the room has now; a head only
 * moves forward. Stale entries (compacted elsewhere meanwhile) come back below the head, where no
 * reader looks. Entries go first, heads after, so a head never names a checkpoint not yet offered.
 * Entries go {@value #IN_FLIGHT} at a time: each is a synchronous write to two owners (a store load and
 * an fdatasync on each), and one after the other a member with thousands of entries took minutes to start
 * on a loaded machine, the other members waiting for it to be ready.
 */
final class Reoffer {

    static final int IN_FLIGHT = 64;

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
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        for (Map.Entry<String, Object> e : contents.entrySet()) {
            if (RoomLog.isEntry(e.getKey()) && failed.get() == null) {
                window.acquireUninterruptibly();
                cache.putIfAbsentAsync(e.getKey(), e.getValue()).whenComplete((v, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    }
                    window.release();
                });
            }
        }
        window.acquireUninterruptibly(IN_FLIGHT); // every entry written (or one failed) before any head moves
        if (failed.get() != null) {
            throw new IllegalStateException("cannot re-offer " + copy + ": " + failed.get().getMessage(), failed.get());
        }
        for (Map.Entry<String, Object> e : contents.entrySet()) {
            if (!RoomLog.isEntry(e.getKey()) && e.getValue() instanceof Long head) {
                Compaction.advanceHead(cache, e.getKey(), head);
            }
        }
    }
}
