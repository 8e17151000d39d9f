package org.roomhub.hub.storage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters behind {@link StorageStats}; updated by the engine threads, read by anyone. */
final class StorageCounters {

    final LongAdder acknowledgedWrites = new LongAdder();
    final LongAdder groupCommits = new LongAdder();
    final LongAdder fsyncs = new LongAdder();
    final LongAdder journalBytes = new LongAdder();
    final LongAdder checkpoints = new LongAdder();
    final AtomicLong lastCheckpointMillis = new AtomicLong();

    void fsync() {
        fsyncs.increment();
    }
}
