package org.roomhub.hub.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The one thread that writes to the MapDB working slot: applies journaled records in sequence order, then
 * lets the overlay drop the generations it has applied and releases their pending budget. Holding
 * {@link #applyLock} while applying lets the checkpointer pause it (only it, never the writers) to copy a
 * quiescent slot.
 */
final class Applier implements Runnable {

    /*
     * A round gathers batches while more keep coming, so that a key written and deleted within it (a room's
     * rolling log: put seq N, delete seq N-1000) costs one MapDB lookup instead of an insert, a delete and a
     * leaf MapDB never frees (its B-tree keeps emptied leaves). Reads are unaffected (the overlay serves
     * them); a lone write waits at most GATHER_GAP_NANOS more, a busy store GATHER_NANOS.
     */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
    private static final long GATHER_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int GATHER_RECORDS = 16_384;

    /** Held while the slot is being modified; the checkpointer takes it to copy the slot. */
    final ReentrantLock applyLock = new ReentrantLock();

    private final List<Record> end = new ArrayList<>();
    /** Queued by {@link #hurry()}: ends the round being gathered. */
    private final List<Record> hurry = new ArrayList<>();
    private final LinkedBlockingQueue<List<Record>> queue = new LinkedBlockingQueue<>();
    private final Slot slot;
    private final Overlay overlay;
    private final PendingBudget budget;
    private final Consumer<Throwable> onFailure;
    private final Runnable onApplied;

    Applier(Slot slot, Overlay overlay, PendingBudget budget, Consumer<Throwable> onFailure, Runnable onApplied) {
        this.slot = slot;
        this.overlay = overlay;
        this.budget = budget;
        this.onFailure = onFailure;
        this.onApplied = onApplied;
    }

    /** Queues a journaled batch (in sequence order). */
    void submit(List<Record> batch) {
        queue.add(batch);
    }

    /** Applies what is queued without gathering more (a checkpoint wants a fresh slot). */
    void hurry() {
        queue.add(hurry);
    }

    /** Ends the thread once everything submitted before is applied. */
    void finish() {
        queue.add(end);
    }

    /** Adds what arrives until the round is big or old enough, the budget a quarter used, or the end is queued. */
    private void gather(List<List<Record>> round) throws InterruptedException {
        long deadline = System.nanoTime() + GATHER_NANOS;
        int records = round.get(0).size();
        while (round.get(round.size() - 1) != end && round.get(round.size() - 1) != hurry
                && records < GATHER_RECORDS && !budget.quarterUsed()) {
            long left = Math.min(deadline - System.nanoTime(), GATHER_GAP_NANOS);
            List<Record> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            round.add(next);
            records += next.size();
        }
    }

    @Override
    public void run() {
        List<List<Record>> round = new ArrayList<>();
        try {
            while (true) {
                round.add(queue.take());
                gather(round);
                boolean ending = false;
                List<Record> records = new ArrayList<>();
                for (List<Record> batch : round) {
                    if (batch == end) {
                        ending = true;
                        break;
                    }
                    records.addAll(batch);
                }
                // Without range deletes (nearly always) a round is sorted once; with one, op by op as journaled.
                Round sorted = Round.sortable(records) ? Round.of(records) : null;
                applyLock.lock();
                try {
                    if (sorted != null) {
                        slot.apply(sorted);
                    } else {
                        List<Op> ops = new ArrayList<>();
                        for (Record r : records) {
                            ops.addAll(r.ops);
                        }
                        slot.apply(ops);
                    }
                    if (!records.isEmpty()) {
                        slot.setAppliedSeq(records.get(records.size() - 1).seq);
                    }
                } finally {
                    applyLock.unlock();
                }
                FailPoints.reach(FailPoints.Point.APPLIED);
                long released = 0;
                for (Record r : records) {
                    r.generation.applied();
                    released += r.weight;
                }
                overlay.settle();
                budget.release(released);
                round.clear();
                onApplied.run();
                if (ending) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            onFailure.accept(new StorageFailedException("applying journaled writes to the MapDB working slot "
                    + slot.file() + " failed (the journal still holds them; restart to recover): " + t, t));
        }
    }
}
