package org.roomhub.hub.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background thread that makes a new clean slot, off the write path. Steps (each fsync before the next):
 * pause the applier (writers go on journaling) → MapDB header flush → copy the working slot to
 * {@code clean-<seq>.db.tmp} with CRC32C, fsync → resume the applier → rename to {@code clean-<seq>.db},
 * fsync folder → write the pointer (the commit point) → delete the old clean slot and the journal segments
 * it no longer needs.
 */
final class Checkpointer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final FileLayer files;
    private final Path dir;
    private final Slot slot;
    private final Applier applier;
    private final AtomicReference<PointerFile.Pointer> pointer;
    private final StorageCounters counters;
    private final Consumer<Throwable> onFailure;
    private final Object running = new Object();
    private boolean requested;
    /** A request found nothing applied yet: the applier's next round re-asks, so a burst is never left unchecked. */
    private boolean deferred;
    private boolean stopping;

    Checkpointer(FileLayer files, Path dir, Slot slot, Applier applier, AtomicReference<PointerFile.Pointer> pointer,
                 StorageCounters counters, Consumer<Throwable> onFailure) {
        this.files = files;
        this.dir = dir;
        this.slot = slot;
        this.applier = applier;
        this.pointer = pointer;
        this.counters = counters;
        this.onFailure = onFailure;
    }

    /** Asks for a checkpoint soon; never blocks. */
    synchronized void request() {
        requested = true;
        applier.hurry();
        notifyAll();
    }

    /** Called by the applier after each round: a request that came too early is asked again now. */
    synchronized void applied() {
        if (deferred) {
            deferred = false;
            requested = true;
            notifyAll();
        }
    }

    /** Ends the thread after the checkpoint in progress, if any. */
    synchronized void stop() {
        stopping = true;
        notifyAll();
    }

    @Override
    public void run() {
        try {
            while (awaitRequest()) {
                if (!checkpoint()) {
                    defer();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            onFailure.accept(new StorageFailedException("checkpoint failed, so writes are stopped (is the disk full?): " + t, t));
        }
    }

    private synchronized void defer() {
        deferred = true;
    }

    private synchronized boolean awaitRequest() throws InterruptedException {
        while (!requested && !stopping) {
            wait();
        }
        requested = false;
        return !stopping;
    }

    /**
     * Runs one checkpoint now (on the calling thread); false when nothing new was applied since the last.
     * Synchronized on its own lock: a checkpoint asked for by hand must not race the background one for the
     * same temp file (found by the power-loss explorer).
     */
    boolean checkpoint() throws IOException {
        synchronized (running) {
            return checkpointOnce();
        }
    }

    private boolean checkpointOnce() throws IOException {
        applier.hurry(); // the applier's next round then starts at once (it may be gathering)
        long started = System.nanoTime();
        PointerFile.Pointer old = pointer.get();
        long seq;
        Path temp;
        FileOps.CopyResult copy;
        applier.applyLock.lock();
        try {
            seq = slot.appliedSeq();
            if (seq == old.cleanSeq()) {
                return false;
            }
            slot.flush();
            temp = dir.resolve(PointerFile.Pointer.cleanFileName(seq) + ".tmp");
            copy = FileOps.copy(files, slot.file(), temp, counters);
        } finally {
            applier.applyLock.unlock();
        }
        FailPoints.reach(FailPoints.Point.CHECKPOINT_COPIED);
        Path clean = dir.resolve(PointerFile.Pointer.cleanFileName(seq));
        files.rename(temp, clean);
        FailPoints.reach(FailPoints.Point.CHECKPOINT_RENAMED);
        FileOps.fsyncDir(files, dir, counters);
        PointerFile.Pointer next = new PointerFile.Pointer(seq, copy.length(), copy.crc(), false, 0);
        PointerFile.write(files, dir, next, counters);
        pointer.set(next);
        files.delete(dir.resolve(old.cleanFileName()));
        FailPoints.reach(FailPoints.Point.CHECKPOINT_OLD_CLEAN_DELETED);
        int segments = JournalSegment.deleteCoveredBy(files, dir, seq);
        FileOps.fsyncDir(files, dir, counters);
        long millis = (System.nanoTime() - started) / 1_000_000;
        counters.checkpoints.increment();
        counters.lastCheckpointMillis.set(millis);
        LOG.debug("checkpoint at seq {}: {} bytes, {} journal segments deleted, {} ms", seq, copy.length(), segments, millis);
        return true;
    }
}
