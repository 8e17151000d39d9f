package org.roomhub.hub.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The writes of one applier round without range deletes, sorted once by key: the last write of each key
 * (what the slot gets), and whether that key's first write in the round was a put (a delete of such a key
 * rarely finds it in the slot). Replaces per-key hash maps of {@code ByteBuffer} keys, which hashed every
 * key byte several times per write, and lets the overlay forget a round with one lookup per key.
 */
final class Round {

    /** One key's last write in the round, by {@code record}. */
    record Write(byte[] key, Op op, Record record) {
        boolean isPut() {
            return op instanceof Op.Put;
        }
    }

    /** Last write per key, in unsigned key order. */
    final Write[] last;
    /** Per entry of {@link #last}: the key's first write in the round was a put. */
    final boolean[] putFirst;

    private Round(Write[] last, boolean[] putFirst) {
        this.last = last;
        this.putFirst = putFirst;
    }

    /** Whether {@code records} can be applied as one sorted round (they hold no range delete). */
    static boolean sortable(List<Record> records) {
        for (Record r : records) {
            for (Op op : r.ops) {
                if (op instanceof Op.DeleteRange) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The round of {@code records} (in journal order, no range delete). */
    static Round of(List<Record> records) {
        int n = 0;
        for (Record r : records) {
            n += r.ops.size();
        }
        Write[] all = new Write[n];
        int i = 0;
        for (Record r : records) {
            for (Op op : r.ops) {
                all[i++] = new Write(op instanceof Op.Put p ? p.key() : ((Op.Delete) op).key(), op, r);
            }
        }
        // Stable (TimSort): a key's writes keep their journal order, so the last of each run is the newest.
        Arrays.sort(all, (a, b) -> Arrays.compareUnsigned(a.key, b.key));
        List<Write> last = new ArrayList<>();
        boolean[] putFirst = new boolean[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && Arrays.equals(all[end].key, all[start].key)) {
                end++;
            }
            putFirst[last.size()] = all[start].isPut();
            last.add(all[end - 1]);
            start = end;
        }
        return new Round(last.toArray(new Write[0]), Arrays.copyOf(putFirst, last.size()));
    }
}
