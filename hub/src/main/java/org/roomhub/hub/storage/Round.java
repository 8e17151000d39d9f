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

    /** One key's last write in the round, by {@code record}; {@code position}: its index in journal order. */
    record Write(byte[] key, Op op, Record record, int position) {
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
        int widest = 0;
        for (Record r : records) {
            n += r.ops.size();
            widest = Math.max(widest, r.ops.size());
        }
        // Column by column (every record's first op, then every second op, ...): a room writes the same kinds of
        // keys in each event, with rising numbers (a log's newest entry, its oldest one), so each column is mostly
        // one ascending run and the sort below merges a few long runs instead of sorting the round from scratch.
        Write[] all = new Write[n];
        int i = 0;
        for (int column = 0; column < widest; column++) {
            int position = 0;
            for (Record r : records) {
                if (column < r.ops.size()) {
                    Op op = r.ops.get(column);
                    all[i++] = new Write(op instanceof Op.Put p ? p.key() : ((Op.Delete) op).key(), op, r, position + column);
                }
                position += r.ops.size();
            }
        }
        // By key, then journal position: the last of each key's run is its newest write.
        Arrays.sort(all, (a, b) -> {
            int c = Arrays.compareUnsigned(a.key, b.key);
            return c != 0 ? c : Integer.compare(a.position, b.position);
        });
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
