package org.roomhub.hub.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A room's store let go when its host retires (issue 12): its data stays listed and readable through a fresh one. */
class StoreReleaseTest {

    @TempDir
    Path dir;

    @Test
    void a_released_store_leaves_its_room_listed_and_the_next_store_reads_its_data() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore first = storage.forRoom("chat/quiet");
            first.put("k", "v".getBytes(UTF_8)).get(10, TimeUnit.SECONDS);

            storage.release("chat/quiet");

            assertThat(storage.rooms()).contains("chat/quiet");
            RoomStore next = storage.forRoom("chat/quiet");
            assertThat(next).isNotSameAs(first);
            assertThat(next.get("k")).map(b -> new String(b, UTF_8)).contains("v");
        }
    }

    @Test
    void a_room_written_just_now_is_listed_whether_or_not_its_data_reached_the_slot() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            for (int i = 0; i < 50; i++) {
                String room = "chat/r" + i;
                storage.forRoom(room).put("k", "v".getBytes(UTF_8)).get(10, TimeUnit.SECONDS);
                storage.release(room);
                assertThat(storage.rooms()).as(room).contains(room);
            }
        }
    }
}
