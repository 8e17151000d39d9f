package org.roomhub.hub.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the engine threads around a recovered slot and owns the write path and the lifecycle:
 * accept (validate, budget, overlay, queue) → group committer → applier, with the checkpointer beside.
 */
final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    final Lifecycle lifecycle = new Lifecycle();
    final StorageCounters counters;
    final ReadView view;
    private final FileLayer files;
    private final Path dir;
    private final StorageOptions options;
    private final Slot slot;
    private final Overlay overlay = new Overlay();
    private final PendingBudget budget;
    private final CommitQueue queue = new CommitQueue();
    private final AtomicReference<PointerFile.Pointer> pointer;
    private final Applier applier;
    private final Checkpointer checkpointer;
    private final GroupCommitter committer;
    private final ExecutorService notifier;
    private final Thread committerThread;
    private final Thread applierThread;
    private final Thread checkpointerThread;
    /** Writers hold the read side while accepting; close takes the write side to stop acceptance atomically. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();

    Engine(FileLayer files, Path dir, StorageOptions options, StorageCounters counters, Recovery.Recovered recovered) {
        this.files = files;
        this.dir = dir;
        this.options = options;
        this.counters = counters;
        this.slot = recovered.slot();
        this.pointer = new AtomicReference<>(recovered.pointer());
        this.view = new ReadView(overlay, slot);
        this.budget = new PendingBudget(options.maxPendingBytes(), lifecycle);
        this.applier = new Applier(slot, overlay, budget, this::fail, this::applied);
        this.checkpointer = new Checkpointer(files, dir, slot, applier, pointer, counters, this::fail);
        this.notifier = Executors.newSingleThreadExecutor(r -> daemon(r, "roomhub-storage-notify"));
        this.committer = new GroupCommitter(queue, new JournalWriter(files, dir, options.segmentBytes(), counters), applier,
                notifier, counters, recovered.lastSeq(), options, checkpointer::request, this::fail);
        this.committerThread = daemon(committer, "roomhub-storage-commit");
        this.applierThread = daemon(applier, "roomhub-storage-apply");
        this.checkpointerThread = daemon(checkpointer, "roomhub-storage-checkpoint");
    }

    private void applied() {
        checkpointer.applied();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    void start() {
        applierThread.start();
        checkpointerThread.start();
        committerThread.start();
    }

    /** Accepts a validated record: it is visible to reads when this returns and durable when its future completes. */
    void submit(Record record) {
        if (record.weight > StorageOptions.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("write is " + record.weight + " bytes, more than "
                    + StorageOptions.MAX_RECORD_BYTES);
        }
        gate.readLock().lock();
        try {
            lifecycle.checkWritable();
            budget.acquire(record.weight, options.backpressureTimeout().toNanos());
            try {
                overlay.add(record);
                queue.offer(record);
            } catch (RuntimeException e) {
                if (record.generation != null) {
                    record.generation.applied(); // never queued: its generation must not wait for it
                }
                budget.release(record.weight);
                throw e;
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Stops the store after a storage error: fails everything not yet durable, wakes waiting writers. */
    void fail(Throwable cause) {
        if (lifecycle.fail(cause)) {
            LOG.error("storage {} stopped: {}", dir, cause.toString(), cause);
        }
        StorageFailedException failure = lifecycle.failedException();
        List<Record> left = queue.kill(cause);
        for (Record r : left) {
            r.durable.completeExceptionally(failure);
        }
        budget.wakeAll();
        applier.finish();
        checkpointer.stop();
    }

    /** Runs a checkpoint on the calling thread (tests and benchmarks). */
    void checkpointNow() throws IOException {
        checkpointer.checkpoint();
    }

    StorageStats stats() {
        long fileBytes;
        try {
            fileBytes = files.size(slot.file());
        } catch (IOException e) {
            fileBytes = -1;
        }
        return new StorageStats(counters.acknowledgedWrites.sum(), counters.groupCommits.sum(), counters.fsyncs.sum(),
                counters.journalBytes.sum(), counters.checkpoints.sum(), counters.lastCheckpointMillis.get(),
                budget.used(), fileBytes, committer.lastSeq());
    }

    /**
     * Drains and stops the threads; if no error happened, closes the working slot, fsyncs it and flags a
     * clean shutdown in the pointer. Returns false if the store was already closed.
     */
    boolean shutdown() throws IOException {
        gate.writeLock().lock();
        try {
            StorageState s = lifecycle.state();
            if (s == StorageState.CLOSED) {
                return false;
            }
            if (s == StorageState.OPEN) {
                lifecycle.move(StorageState.OPEN, StorageState.CLOSING);
            }
        } finally {
            gate.writeLock().unlock();
        }
        queue.close();
        join(committerThread);
        applier.finish();
        join(applierThread);
        checkpointer.stop();
        join(checkpointerThread);
        notifier.shutdown();
        try {
            notifier.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lifecycle.state() == StorageState.CLOSING) {
            try {
                long seq = slot.appliedSeq();
                slot.flush();
                slot.close();
                FailPoints.reach(FailPoints.Point.CLOSE_SLOT_CLOSED);
                FileOps.fsyncFile(files, slot.file(), counters);
                PointerFile.write(files, dir, pointer.get().withCleanShutdown(seq), counters);
            } catch (IOException | RuntimeException e) {
                fail(e);
                lifecycle.move(StorageState.FAILED, StorageState.CLOSED);
                throw new IOException("closing storage " + dir + " failed; the next open recovers from the journal: " + e, e);
            }
            lifecycle.move(StorageState.CLOSING, StorageState.CLOSED);
        } else {
            try {
                slot.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("closing the working slot of failed storage {}: {}", dir, e.toString());
            }
            lifecycle.move(StorageState.FAILED, StorageState.CLOSED);
        }
        return true;
    }

    private static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
