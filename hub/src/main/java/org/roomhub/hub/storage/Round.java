package org.roomhub.hub.storage;

import java.util.Arrays;
import java.util.List;

/**
 * The writes of one applier round without range deletes, sorted once by key: the last write of each key
 * (what the slot gets), and whether that key's first write in the round was a put (a delete of such a key
 * rarely finds it in the slot). Replaces per-key hash maps of {@code ByteBuffer} keys, which hashed every
 * key byte several times per write, and lets the overlay forget a round with one lookup per key.
 */
final class Round {

    /** One key's last write in the round; {@code position}: its index in journal order. */
    record Write(byte[] key, Op op, int position) {
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
            if (r.rangeDelete) {
                return false;
            }
        }
        return true;
    }

    /** The round of {@code records} (in journal order, no range delete). */
    static Round of(List<Record> records) {
        // Column by column (every record's first op, then every second op, ...): a room writes the same kinds of
        // keys in each event, with rising numbers (a log's newest entry, its oldest one), so each column is mostly
        // one ascending run and the sort below merges a few long runs instead of sorting the round from scratch.
        // Laid out in one pass over the records (touching each costs cache misses), each column in its own array.
        Write[][] columns = new Write[4][];
        int[] filled = new int[4];
        int position = 0;
        for (Record r : records) {
            List<Op> ops = r.ops;
            int size = ops.size();
            if (size > columns.length) {
                columns = Arrays.copyOf(columns, Math.max(size, 2 * columns.length));
                filled = Arrays.copyOf(filled, columns.length);
            }
            for (int c = 0; c < size; c++) {
                if (columns[c] == null) {
                    columns[c] = new Write[c < 8 ? records.size() : 16]; // a wide record's later columns hold few writes
                } else if (filled[c] == columns[c].length) {
                    columns[c] = Arrays.copyOf(columns[c], Math.min(2 * filled[c], records.size()));
                }
                Op op = ops.get(c);
                columns[c][filled[c]++] = new Write(op instanceof Op.Put p ? p.key() : ((Op.Delete) op).key(), op, position + c);
            }
            position += size;
        }
        int n = position;
        Write[] all = new Write[n];
        int at = 0;
        for (int c = 0; c < columns.length && columns[c] != null; c++) {
            System.arraycopy(columns[c], 0, all, at, filled[c]);
            at += filled[c];
        }
        // By key, then journal position: the last of each key's run is its newest write.
        Arrays.sort(all, (a, b) -> {
            int c = Arrays.compareUnsigned(a.key, b.key);
            return c != 0 ? c : Integer.compare(a.position, b.position);
        });
        // Each key's run reduced in place to its newest write (the run's last).
        boolean[] putFirst = new boolean[n];
        int kept = 0;
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && Arrays.equals(all[end].key, all[start].key)) {
                end++;
            }
            putFirst[kept] = all[start].isPut();
            all[kept++] = all[end - 1];
            start = end;
        }
        return new Round(Arrays.copyOf(all, kept), Arrays.copyOf(putFirst, kept));
    }
}
