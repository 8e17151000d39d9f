package org.roomhub.hub.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rooms read their own writes at once while the applier applies them in rounds and the overlay seals and drops
 * generations under them (checkpoints end rounds early, so seals race with the writers): puts, deletes and
 * delete-alls, compared after every write with what the room wrote, and again from the slot after a reopen.
 */
class ReadOwnWritesAcrossRoundsTest {

    private static final int ROOMS = 3;
    private static final int WRITES = 1500;

    @TempDir
    Path dir;

    private static String key(int i) {
        return String.format("k/%03d", i);
    }

    /** One room's writer: random puts, deletes, a write set and now and then a delete-all; checks every read. */
    private static Map<String, String> writeAndCheck(RoomStore room, long seed) throws Exception {
        Random random = new Random(seed);
        TreeMap<String, String> model = new TreeMap<>();
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < WRITES; i++) {
            String k = key(random.nextInt(60));
            int kind = random.nextInt(100);
            if (kind < 2) {
                writes.add(room.deleteAll());
                model.clear();
            } else if (kind < 30) {
                writes.add(room.delete(k));
                model.remove(k);
            } else if (kind < 50) {
                WriteSet w = new WriteSet();
                String other = key(random.nextInt(60));
                w.put(k, ("set " + i).getBytes(UTF_8));
                w.delete(other);
                writes.add(room.commit(w));
                model.put(k, "set " + i);
                model.remove(other); // the last write of a key in a set wins
            } else {
                writes.add(room.put(k, ("put " + i).getBytes(UTF_8)));
                model.put(k, "put " + i);
            }
            assertThat(room.get(k).map(v -> new String(v, UTF_8))).isEqualTo(java.util.Optional.ofNullable(model.get(k)));
            if (i % 50 == 0) {
                assertThat(listed(room)).isEqualTo(model);
            }
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(listed(room)).isEqualTo(model);
        return model;
    }

    private static Map<String, String> listed(RoomStore room) {
        Map<String, String> out = new TreeMap<>();
        room.list(ListOptions.all()).forEach((k, v) -> out.put(k, new String(v, UTF_8)));
        return out;
    }

    @Test
    void rooms_read_their_own_writes_while_rounds_are_applied_and_generations_dropped() throws Exception {
        List<Map<String, String>> expected = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(ROOMS);
        try (Storage storage = Storage.open(dir)) {
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicReference<Exception> checkpointFailure = new AtomicReference<>();
            Thread checkpoints = new Thread(() -> {
                try {
                    while (writing.get()) {
                        storage.checkpoint();
                    }
                } catch (Exception e) {
                    checkpointFailure.set(e);
                }
            });
            checkpoints.start();
            List<Future<Map<String, String>>> rooms = new ArrayList<>();
            for (int r = 0; r < ROOMS; r++) {
                RoomStore room = storage.forRoom("rounds/" + r);
                long seed = r;
                rooms.add(pool.submit(() -> writeAndCheck(room, seed)));
            }
            try {
                for (Future<Map<String, String>> f : rooms) {
                    expected.add(f.get(120, TimeUnit.SECONDS));
                }
            } finally {
                writing.set(false);
            }
            checkpoints.join(30_000);
            assertThat(checkpointFailure.get()).isNull();
            await().atMost(Duration.ofSeconds(30)).until(() -> storage.stats().pendingBytes() == 0);
            for (int r = 0; r < ROOMS; r++) {
                assertThat(listed(storage.forRoom("rounds/" + r))).isEqualTo(expected.get(r)); // from the slot now
            }
        } finally {
            pool.shutdownNow();
        }
        try (Storage storage = Storage.open(dir)) {
            for (int r = 0; r < ROOMS; r++) {
                assertThat(listed(storage.forRoom("rounds/" + r))).isEqualTo(expected.get(r));
            }
        }
    }
}
