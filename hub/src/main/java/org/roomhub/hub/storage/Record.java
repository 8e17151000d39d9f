package org.roomhub.hub.storage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One write operation (a put/delete call or a transaction) on its way through the engine: accepted
 * (in the overlay), then journaled with a sequence number, then applied to the working slot.
 */
final class Record {

    /** Fixed per-record overhead counted against the pending budget. */
    static final int OVERHEAD = 64;

    final List<Op> ops;
    final int weight;
    /** Completes when the record is durable in the journal. Never handed out directly (callers get copies). */
    final CompletableFuture<Void> durable = new CompletableFuture<>();
    /** Whether an op is a range delete (such a record is applied op by op, not in a sorted round). */
    final boolean rangeDelete;
    /** Set by the group committer before the record is handed to the applier (the queue publishes it). */
    long seq;
    /** The overlay generation holding its writes; set when accepted, before the queue publishes it. */
    Overlay.Generation generation;

    Record(List<Op> ops) {
        this.ops = List.copyOf(ops);
        int w = OVERHEAD;
        boolean range = false;
        for (Op op : this.ops) {
            w += op.weight();
            range |= op instanceof Op.DeleteRange;
        }
        this.weight = w;
        this.rangeDelete = range;
    }
}
