package org.roomhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFailureTest {

    @TempDir
    Path tmp;

    @Test
    void a_storage_error_fails_writes_that_are_not_durable_and_stops_the_store_loudly() throws Exception {
        Path dir = tmp.resolve("store");
        Storage storage = Storage.open(dir, StorageOptions.defaults().withSegmentBytes(4096));
        RoomStore room = storage.forRoom("r");
        room.put("before", new byte[10]).get();
        // Pull the folder away: the next journal segment cannot be created, as on a broken disk.
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                writes.add(room.put("k" + writes.size(), new byte[1000]));
            } catch (StorageFailedException e) {
                return true;
            }
            return false;
        });
        assertThat(storage.state()).isEqualTo(StorageState.FAILED);
        assertThat(writes).anyMatch(CompletableFuture::isCompletedExceptionally);
        await().atMost(Duration.ofSeconds(30)).until(() -> writes.stream().allMatch(CompletableFuture::isDone));
        assertThatThrownBy(() -> room.put("x", new byte[1]))
                .isInstanceOf(StorageFailedException.class)
                .hasMessageContaining("storage stopped after an error")
                .hasMessageContaining("journal write failed");
        assertThatThrownBy(() -> room.get("before")).isInstanceOf(StorageFailedException.class);
        assertThatThrownBy(() -> room.durable().join()).hasCauseInstanceOf(StorageFailedException.class);
        storage.close();
        assertThat(storage.state()).isEqualTo(StorageState.CLOSED);
    }
}
