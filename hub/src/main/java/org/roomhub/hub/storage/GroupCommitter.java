package org.roomhub.hub.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The one thread that owns sequence numbers and the journal: takes every queued record (from all rooms),
 * numbers them, writes them as one group with one fdatasync, then hands them to the applier and has their
 * futures completed. Concurrent writers therefore share one fsync, and a lone writer waits about one fsync; under
 * load a group may gather for {@link StorageOptions#commitDelay()} first.
 */
final class GroupCommitter implements Runnable {

    private final CommitQueue queue;
    private final JournalWriter writer;
    private final Applier applier;
    private final Executor notifier;
    private final StorageCounters counters;
    private final int maxBatchBytes;
    private final long commitDelayNanos;
    private final long checkpointBytes;
    private final Runnable checkpointTrigger;
    private final Consumer<Throwable> onFailure;
    private volatile long lastSeq;
    private long bytesSinceCheckpoint;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);

    GroupCommitter(CommitQueue queue, JournalWriter writer, Applier applier, Executor notifier,
                   StorageCounters counters, long lastSeq, StorageOptions options, Runnable checkpointTrigger,
                   Consumer<Throwable> onFailure) {
        this.queue = queue;
        this.writer = writer;
        this.applier = applier;
        this.notifier = notifier;
        this.counters = counters;
        this.lastSeq = lastSeq;
        this.maxBatchBytes = options.maxBatchBytes();
        this.commitDelayNanos = options.commitDelay().toNanos();
        this.checkpointBytes = options.checkpointBytes();
        this.checkpointTrigger = checkpointTrigger;
        this.onFailure = onFailure;
    }

    /** Sequence number of the last journaled record. */
    long lastSeq() {
        return lastSeq;
    }

    @Override
    public void run() {
        List<Record> batch = new ArrayList<>();
        try (writer) {
            long gather = 0;
            while (queue.takeBatch(batch, maxBatchBytes, gather)) {
                commit(batch);
                // Writers queued up behind the last group: let the next one gather (one fdatasync for more writes).
                gather = batch.size() >= StorageOptions.BUSY_GROUP_RECORDS ? commitDelayNanos : 0;
                batch = new ArrayList<>();
            }
        } catch (Throwable t) {
            StorageFailedException failure = new StorageFailedException(
                    "journal write failed, so writes are stopped (is the disk full?): " + t, t);
            for (Record r : batch) {
                r.durable.completeExceptionally(failure);
            }
            onFailure.accept(failure);
        }
    }

    private void commit(List<Record> batch) throws Exception {
        int size = 0;
        for (Record r : batch) {
            size += RecordCodec.frameSize(r.ops);
        }
        if (buffer.capacity() < size) {
            buffer = ByteBuffer.allocateDirect(Math.max(size, buffer.capacity() * 2));
        }
        buffer.clear();
        long first = lastSeq + 1;
        long seq = lastSeq;
        for (Record r : batch) {
            r.seq = ++seq;
            RecordCodec.encode(r.seq, first, r.ops, buffer);
        }
        buffer.flip();
        writer.append(first, buffer);
        lastSeq = seq;
        counters.groupCommits.increment();
        counters.acknowledgedWrites.add(batch.size());
        applier.submit(batch);
        notifier.execute(() -> {
            for (Record r : batch) {
                r.durable.complete(null);
            }
        });
        bytesSinceCheckpoint += size;
        if (bytesSinceCheckpoint >= checkpointBytes) {
            bytesSinceCheckpoint = 0;
            checkpointTrigger.run();
        }
    }
}
