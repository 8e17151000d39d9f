package org.roomhub.hub.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads other than a room's writer (the cluster store's loads and listings run so) read what the writer
 * finished writing, and never an older value of a key than one they already read, while the applier applies
 * rounds and the overlay seals and drops generations under them: gets, full and prefix lists, reverse lists
 * with a limit, key lists. Every value is the number of the write that put it, so a value shadowed by an older
 * one, or brought back from under a delete or a delete-all, shows as a number going down or too low.
 */
class OtherThreadsReadAcrossRoundsTest {

    private static final int KEYS = 48;
    private static final int WRITES = 12_000;
    private static final int READERS = 2;

    @TempDir
    Path dir;

    /** What the writer finished (its write call returned), by write number; -1: never. */
    private final AtomicLongArray lastPut = filled(KEYS);
    private final AtomicLongArray lastDelete = filled(KEYS);
    private volatile long lastDeleteAll = -1;
    /** Deletes the writer started (a reader may see one before the writer notes it finished). */
    private final AtomicLongArray deleteStarted = filled(KEYS);
    private volatile long deleteAllStarted = -1;

    private static AtomicLongArray filled(int n) {
        AtomicLongArray a = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            a.set(i, -1);
        }
        return a;
    }

    private static String key(int k) {
        return String.format("k/%02d", k);
    }

    private static byte[] value(long n) {
        return Long.toString(n).getBytes(UTF_8);
    }

    private void write(RoomStore room, long seed, List<CompletableFuture<Void>> writes) {
        Random random = new Random(seed);
        for (int n = 0; n < WRITES; n++) {
            int k = random.nextInt(KEYS);
            int kind = random.nextInt(100);
            if (kind < 1) {
                deleteAllStarted = n;
                writes.add(room.deleteAll());
                lastDeleteAll = n;
            } else if (kind < 20) {
                deleteStarted.set(k, n);
                writes.add(room.delete(key(k)));
                lastDelete.set(k, n);
            } else if (kind < 40) {
                int other = (k + 1 + random.nextInt(KEYS - 1)) % KEYS;
                WriteSet w = new WriteSet();
                w.put(key(k), value(n));
                w.delete(key(other));
                deleteStarted.set(other, n);
                writes.add(room.commit(w));
                lastPut.set(k, n);
                lastDelete.set(other, n);
            } else {
                writes.add(room.put(key(k), value(n)));
                lastPut.set(k, n);
            }
        }
    }

    /** One reader: checks each value it reads against what was finished before the read and what it read before. */
    private final class Reader implements Runnable {
        private final RoomStore room;
        private final long[] seen = new long[KEYS];
        private final Random random;
        private final AtomicBoolean writing;

        Reader(RoomStore room, long seed, AtomicBoolean writing) {
            this.room = room;
            this.random = new Random(seed);
            this.writing = writing;
            java.util.Arrays.fill(seen, -1);
        }

        @Override
        public void run() {
            while (writing.get()) {
                long[] put = new long[KEYS];
                long[] deleted = new long[KEYS];
                for (int k = 0; k < KEYS; k++) {
                    put[k] = lastPut.get(k);
                    deleted[k] = lastDelete.get(k);
                }
                long all = lastDeleteAll;
                int kind = random.nextInt(4);
                Map<String, byte[]> read;
                boolean complete = true; // whether a key missing from the read was read as absent
                if (kind == 0) {
                    int k = random.nextInt(KEYS);
                    Optional<byte[]> v = room.get(key(k));
                    read = v.isPresent() ? Map.of(key(k), v.get()) : Map.of();
                    checkAbsent(k, read, put);
                    complete = false;
                } else if (kind == 1) {
                    read = room.list(ListOptions.all());
                } else if (kind == 2) {
                    String prefix = "k/" + random.nextInt(5);
                    read = room.list(ListOptions.withPrefix(prefix));
                    complete = false;
                    for (int k = 0; k < KEYS; k++) {
                        if (key(k).startsWith(prefix)) {
                            checkAbsent(k, read, put);
                        }
                    }
                } else {
                    read = room.list(ListOptions.all().reverse(true).limit(1 + random.nextInt(8)));
                    complete = false;
                }
                if (kind == 3 && random.nextBoolean()) {
                    List<String> keys = room.keys(ListOptions.all().reverse(true).limit(5));
                    assertThat(keys).as("keys, reverse, limit 5").isSortedAccordingTo(java.util.Comparator.reverseOrder());
                }
                for (Map.Entry<String, byte[]> e : read.entrySet()) {
                    int k = Integer.parseInt(e.getKey().substring(2));
                    long v = Long.parseLong(new String(e.getValue(), UTF_8));
                    assertThat(v).as("%s: at least the last put finished before the read", e.getKey()).isGreaterThanOrEqualTo(put[k]);
                    assertThat(v).as("%s: put after the last delete finished before the read", e.getKey()).isGreaterThan(deleted[k]);
                    assertThat(v).as("%s: put after the last delete-all finished before the read", e.getKey()).isGreaterThan(all);
                    assertThat(v).as("%s: never older than a value read before", e.getKey()).isGreaterThanOrEqualTo(seen[k]);
                    seen[k] = v;
                }
                if (complete) {
                    for (int k = 0; k < KEYS; k++) {
                        checkAbsent(k, read, put);
                    }
                }
            }
        }

        /** A key missing from a read must have been deleted (by a delete started by the read's end) after its last put finished before the read. */
        private void checkAbsent(int k, Map<String, byte[]> read, long[] put) {
            if (!read.containsKey(key(k)) && put[k] >= 0) {
                long deletedSince = Math.max(deleteStarted.get(k), deleteAllStarted);
                assertThat(deletedSince).as("%s missing: deleted after its put %d", key(k), put[k]).isGreaterThan(put[k]);
            }
        }
    }

    @Test
    void other_threads_never_read_an_older_value_or_a_deleted_one_while_generations_are_dropped() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("watched");
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            threads.add(new Thread(() -> {
                try {
                    while (writing.get()) {
                        storage.checkpoint(); // ends rounds early: seals race with the writer and the readers
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
            for (int r = 0; r < READERS; r++) {
                Reader reader = new Reader(room, r, writing);
                threads.add(new Thread(() -> {
                    try {
                        reader.run();
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                        writing.set(false);
                    }
                }));
            }
            threads.forEach(Thread::start);
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            try {
                write(room, 42, writes);
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } finally {
                writing.set(false);
                for (Thread t : threads) {
                    t.join(30_000);
                }
            }
            if (failure.get() != null) {
                throw new AssertionError("a reader or the checkpoints failed", failure.get());
            }
        }
    }
}
