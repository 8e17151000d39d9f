package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.Storage;
import org.roomhub.hub.storage.WriteSet;
import org.roomhub.protocol.value.RoomAddress;

/** The runtime's storage port writes one event's data and alarm as one storage record (issue 9, item 3). */
class EngineStorageTest {

    @TempDir
    Path dir;

    @Test
    void an_events_puts_deletes_and_alarm_are_one_storage_write_that_survives_a_reopen() throws Exception {
        RoomAddress address = RoomAddress.parse("chat/atomic");
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = new EngineStorage(storage).room(address);
            room.commit(writes(w -> w.put("a", new byte[] {1}))).join();
            long before = storage.stats().acknowledgedWrites();
            room.commit(writes(w -> {
                w.put("b", new byte[] {2});
                w.delete("a");
                w.setAlarm(OptionalLong.of(4242L));
            })).join();
            assertThat(storage.stats().acknowledgedWrites() - before).as("storage records of one event").isOne();
        }
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = new EngineStorage(storage).room(address);
            assertThat(room.get("a")).isEmpty();
            assertThat(room.get("b")).contains(new byte[] {2});
            assertThat(room.getAlarm()).hasValue(4242L);
            long before = storage.stats().acknowledgedWrites();
            room.commit(writes(w -> {
                w.put("c", new byte[] {3});
                w.setAlarm(OptionalLong.empty());
            })).join();
            assertThat(storage.stats().acknowledgedWrites() - before).isOne();
            assertThat(room.getAlarm()).isEmpty();
            assertThat(room.get("c")).isPresent();
        }
    }

    private static WriteSet writes(java.util.function.Consumer<WriteSet> body) {
        WriteSet w = new WriteSet();
        body.accept(w);
        return w;
    }
}
