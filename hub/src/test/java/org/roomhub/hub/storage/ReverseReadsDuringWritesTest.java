package org.roomhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Newest-first listings (a room's last log key, a chat history) while the engine applies other rooms'
 * rolling writes to the same B-tree: MapDB's descending walk can meet a node being replaced; the read
 * must still answer, and answer right (found with the `heap` benchmark: a room failed to open with 500).
 */
class ReverseReadsDuringWritesTest {

    @TempDir
    Path dir;

    @Test
    void newestFirstListingsAnswerRightWhileOtherRoomsRollTheirLogs() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            List<RoomStore> readers = new ArrayList<>();
            for (int r = 0; r < 20; r++) {
                RoomStore room = storage.forRoom("chat/read-" + r);
                for (int i = 0; i < 50; i++) {
                    room.put(key(i), ("v" + i).getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
                }
                readers.add(room);
            }
            // Writers roll a log in rooms whose keys sit between the readers' in the tree.
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                List<CompletableFuture<Void>> inFlight = new ArrayList<>();
                for (int i = 0; i < 30_000; i++) {
                    RoomStore room = storage.forRoom("chat/read-" + (i % 20) + "-w");
                    WriteSet w = new WriteSet();
                    w.put(key(i), new byte[100]);
                    if (i >= 200) {
                        w.delete(key(i - 200));
                    }
                    inFlight.add(room.commit(w));
                    if (inFlight.size() == 64) {
                        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
                        inFlight.clear();
                    }
                }
                CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            });
            int reads = 0;
            while (!writing.isDone() || reads < 1_000) {
                RoomStore room = readers.get(reads % readers.size());
                SortedMap<String, byte[]> last = room.list(ListOptions.withPrefix("k").reverse(true).limit(3));
                assertThat(last.keySet()).containsExactlyInAnyOrder(key(49), key(48), key(47));
                // A room with nothing stored yet (a room being created): its range is empty.
                assertThat(storage.forRoom("chat/read-" + (reads % 20) + "-new-" + reads)
                        .list(ListOptions.withPrefix("h:log:").reverse(true).limit(1))).isEmpty();
                reads++;
            }
            writing.get(120, TimeUnit.SECONDS);
        }
    }

    private static String key(int i) {
        return "k" + String.format("%08d", i);
    }
}
