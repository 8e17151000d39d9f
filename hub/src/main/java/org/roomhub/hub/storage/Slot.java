package org.roomhub.hub.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;

/**
 * The MapDB working slot: one memory-mapped MapDB file without MapDB transactions, holding the single
 * {@code byte[] → byte[]} B-tree of all rooms and the sequence number of the last record applied.
 * Writes come only from one thread (the applier, or recovery); reads from any thread.
 */
final class Slot implements Closeable {

    static final String WORKING_NAME = "working.db";

    private final Path file;
    private final DB db;
    private final BTreeMap<byte[], byte[]> map;
    private final Atomic.Long seq;

    private Slot(Path file, DB db, BTreeMap<byte[], byte[]> map, Atomic.Long seq) {
        this.file = file;
        this.db = db;
        this.map = map;
        this.seq = seq;
    }

    /** Opens (or creates) the MapDB file; MapDB's own errors become {@link UnrecoverableStoreException}. */
    static Slot open(FileLayer files, Path file) throws UnrecoverableStoreException {
        DB db = null;
        try {
            db = DBMaker.fileDB(files.mapped(file))
                    .fileMmapEnable()
                    .cleanerHackEnable() // unmap on close, so the file can be replaced safely afterwards
                    .fileSyncDisable()   // durability comes from the journal and from our own fsyncs
                    .fileLockDisable()   // the store folder's LOCK guards it; a failed open must not leave a lock behind
                    .make();
            BTreeMap<byte[], byte[]> map = db.treeMap("kv", MappedBytes.INSTANCE, MappedBytes.INSTANCE)
                    .valuesOutsideNodesEnable()
                    .createOrOpen();
            Atomic.Long seq = db.atomicLong("seq").createOrOpen();
            return new Slot(file, db, map, seq);
        } catch (DBException | IllegalStateException | IllegalArgumentException | InternalError e) {
            if (db != null) {
                try {
                    db.close();
                } catch (RuntimeException ignored) {
                    // already failing; the open error is the one to report
                }
            }
            throw new UnrecoverableStoreException("MapDB cannot open slot file " + file + ": " + e, e);
        }
    }

    Path file() {
        return file;
    }

    /** Sorted view of all encoded keys (unsigned byte order). Safe for concurrent reads. */
    NavigableMap<byte[], byte[]> map() {
        return map;
    }

    long appliedSeq() {
        return seq.get();
    }

    /**
     * Applies operations in order (caller is the single writer). Puts and deletes of the same key are
     * coalesced up to the next range delete, so a key written many times costs one MapDB update: writes
     * to different keys commute, and a range delete is a barrier.
     */
    void apply(List<Op> ops) {
        Map<ByteBuffer, Op> latest = new LinkedHashMap<>();
        Set<ByteBuffer> putFirst = new HashSet<>();
        for (Op op : ops) {
            if (op instanceof Op.Put p) {
                ByteBuffer k = ByteBuffer.wrap(p.key());
                if (latest.put(k, op) == null) {
                    putFirst.add(k);
                }
            } else if (op instanceof Op.Delete d) {
                latest.put(ByteBuffer.wrap(d.key()), op);
            } else if (op instanceof Op.DeleteRange r) {
                applyEach(latest, putFirst);
                latest.clear();
                putFirst.clear();
                Iterator<byte[]> it = map.subMap(r.from(), true, r.to(), false).keySet().iterator();
                while (it.hasNext()) {
                    map.remove(it.next());
                }
            }
        }
        applyEach(latest, putFirst);
    }

    private void applyEach(Map<ByteBuffer, Op> latest, Set<ByteBuffer> putFirst) {
        boolean data = removeFreshDeletes(latest, putFirst);
        for (Op op : latest.values()) {
            byte[] key = op instanceof Op.Put p ? p.key() : ((Op.Delete) op).key();
            if (key[0] == RoomKeys.ALARM && data) {
                FailPoints.reach(FailPoints.Point.APPLIED_DATA_BEFORE_ALARM);
            }
            data |= key[0] == RoomKeys.DATA;
            if (op instanceof Op.Put p) {
                map.put(p.key(), p.value());
            } else {
                map.remove(key);
            }
        }
    }

    /**
     * Handles the deletes of keys this round first put (a rolling log's newest entries, gone again within
     * the round) and takes them out of {@code latest}. Such a key is rarely in the slot, so instead of one
     * B-tree descent per key, one scan over their span finds the few that are; if the span holds too many
     * other keys, each is removed on its own. Returns whether a data key was removed.
     */
    private boolean removeFreshDeletes(Map<ByteBuffer, Op> latest, Set<ByteBuffer> putFirst) {
        TreeSet<byte[]> fresh = new TreeSet<>(Arrays::compareUnsigned);
        for (ByteBuffer k : putFirst) {
            if (latest.get(k) instanceof Op.Delete d) {
                fresh.add(d.key());
            }
        }
        if (fresh.size() < 8) {
            return false; // one descent each is as cheap
        }
        for (byte[] k : fresh) {
            latest.remove(ByteBuffer.wrap(k));
        }
        List<byte[]> present = new ArrayList<>();
        int budget = 2 * fresh.size() + 64;
        Iterator<byte[]> it = map.subMap(fresh.first(), true, fresh.last(), true).keySet().iterator();
        while (it.hasNext() && budget-- > 0) {
            byte[] k = it.next();
            if (fresh.contains(k)) {
                present.add(k);
            }
        }
        Collection<byte[]> remove = it.hasNext() ? fresh : present; // budget spent: remove each, as before
        boolean data = false;
        for (byte[] k : remove) {
            data |= k[0] == RoomKeys.DATA;
            map.remove(k);
        }
        return data;
    }

    /**
     * Applies a sorted round (the single writer): each key's last write, data keys before alarm keys. The
     * deletes of keys the round first put are checked with one scan over their span, as in {@link #apply}.
     */
    void apply(Round round) {
        Round.Write[] last = round.last;
        boolean[] skip = freshAbsent(round);
        boolean data = false;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < last.length; i++) {
                byte[] key = last[i].key();
                if ((key[0] == RoomKeys.DATA) != (pass == 0) || skip[i]) {
                    continue;
                }
                if (pass == 1 && data && key[0] == RoomKeys.ALARM) {
                    FailPoints.reach(FailPoints.Point.APPLIED_DATA_BEFORE_ALARM);
                }
                data |= key[0] == RoomKeys.DATA;
                if (last[i].op() instanceof Op.Put p) {
                    map.put(key, p.value());
                } else {
                    map.remove(key);
                }
            }
        }
    }

    /**
     * Marks the deletes of keys first put in this round that the slot does not hold (most of them: a rolling
     * log's entries put and deleted again within the round), found by one walk over their span beside the
     * sorted round instead of one B-tree descent each. Marks none when they are few or the span is crowded.
     */
    private boolean[] freshAbsent(Round round) {
        Round.Write[] last = round.last;
        boolean[] absent = new boolean[last.length];
        int first = -1;
        int end = -1;
        int fresh = 0;
        for (int i = 0; i < last.length; i++) {
            if (round.putFirst[i] && !last[i].isPut()) {
                absent[i] = true;
                fresh++;
                first = first < 0 ? i : first;
                end = i;
            }
        }
        if (fresh < 8) {
            return new boolean[last.length]; // one descent each is as cheap
        }
        int budget = 2 * fresh + 64;
        int p = first;
        Iterator<byte[]> it = map.subMap(last[first].key(), true, last[end].key(), true).keySet().iterator();
        while (it.hasNext() && budget-- > 0) {
            byte[] k = it.next();
            while (p <= end && Arrays.compareUnsigned(last[p].key(), k) < 0) {
                p++;
            }
            if (p <= end && absent[p] && Arrays.equals(last[p].key(), k)) {
                absent[p] = false; // in the slot: remove it
            }
        }
        return it.hasNext() ? new boolean[last.length] : absent; // budget spent: remove each, as before
    }

    void setAppliedSeq(long value) {
        seq.set(value);
    }

    /**
     * Makes the file self-consistent (MapDB writes its header checksum) without fsync; after this, while no
     * writer runs, a byte copy of the file is a valid MapDB store.
     */
    void flush() {
        db.commit();
    }

    @Override
    public void close() throws IOException {
        try {
            db.close();
        } catch (DBException e) {
            throw new IOException("MapDB failed closing " + file + ": " + e, e);
        }
    }
}
