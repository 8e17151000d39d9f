package org.roomhub.hub.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageTest {

    @TempDir
    Path dir;

    static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, UTF_8);
    }

    @Test
    void a_room_reads_its_own_write_as_soon_as_put_returns() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("chat/lobby");
            CompletableFuture<Void> durable = room.put("greeting", b("hello"));
            assertThat(room.get("greeting")).map(StorageTest::s).contains("hello");
            durable.get();
            assertThat(room.get("greeting")).map(StorageTest::s).contains("hello");
        }
    }

    @Test
    void acknowledged_writes_are_there_after_close_and_reopen() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("chat/lobby");
            room.put(Map.of("a", b("1"), "b", b("2"))).get();
            room.delete("a").get();
        }
        try (Storage storage = Storage.open(dir)) {
            assertThat(storage.recoveryReport().kind()).isEqualTo(RecoveryReport.Kind.CLEAN_SHUTDOWN);
            RoomStore room = storage.forRoom("chat/lobby");
            assertThat(room.get("a")).isEmpty();
            assertThat(room.get("b")).map(StorageTest::s).contains("2");
        }
    }
}
