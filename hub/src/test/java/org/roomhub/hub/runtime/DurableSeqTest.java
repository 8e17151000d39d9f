package org.roomhub.hub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.room.RoomType.Retention;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.Storage;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * A room whose resume log is durable keeps its seq in the log's frames (each broadcast's slot is written in the
 * broadcast's own commit), not in a key of its own per broadcast; other rooms still store {@code h:seq}. A store
 * written while the durable log kept one key per frame keeps counting from its newest log key.
 */
class DurableSeqTest {

    private final FrameCodec codec = new FrameCodec();

    @TempDir
    Path dir;

    @Test
    void a_durable_rooms_seq_comes_back_from_its_newest_log_slot_without_a_seq_key() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore data = storage.forRoom("chat/seq");
            Effects[] current = new Effects[1];
            ResumeLog log = new ResumeLog(Retention.durable(1000), data, codec);
            RoomOutput out = output(data, Retention.durable(1000), current);
            for (int i = 0; i < 3; i++) {
                current[0] = new Effects();
                out.broadcast(seq -> new ServerFrame.ChatMessage("id" + seq, "ann", "s1", "hi", 1, seq));
                assertThat(current[0].writes().puts()).doesNotContainKey("h:seq").containsKey(log.slotKey(i + 1));
                assertThat(log.slotKey(i + 1)).isEqualTo("h:slot:00" + (i + 1));
                data.commit(current[0].writes()).join();
            }
            assertThat(data.get("h:seq")).isEmpty();
            assertThat(output(data, Retention.durable(1000), new Effects[1]).seq()).isEqualTo(3);
        }
    }

    @Test
    void a_store_written_before_keeps_counting_from_its_seq_key_when_that_is_ahead_of_the_log() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore data = storage.forRoom("chat/old");
            data.put("h:seq", "7".getBytes(StandardCharsets.UTF_8)).join();
            data.put(ResumeLog.legacyKey(6), "{}".getBytes(StandardCharsets.UTF_8)).join();
            assertThat(output(data, Retention.durable(1000), new Effects[1]).seq()).isEqualTo(7);
        }
    }

    @Test
    void a_store_written_with_one_log_key_per_frame_and_no_seq_key_keeps_counting_from_its_newest_log_key() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore data = storage.forRoom("chat/keys");
            data.put(ResumeLog.legacyKey(41), "{}".getBytes(StandardCharsets.UTF_8)).join();
            data.put(ResumeLog.legacyKey(42), "{}".getBytes(StandardCharsets.UTF_8)).join();
            assertThat(output(data, Retention.durable(1000), new Effects[1]).seq()).isEqualTo(42);
        }
    }

    @Test
    void a_room_with_a_memory_log_still_stores_its_seq_with_each_broadcast() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore data = storage.forRoom("metrics/seq");
            Effects[] current = {new Effects()};
            RoomOutput out = output(data, Retention.memory(1000), current);
            out.broadcast(seq -> new ServerFrame.ChatMessage("id", "ann", "s1", "hi", 1, seq));
            data.commit(current[0].writes()).join();
            assertThat(data.get("h:seq")).hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("1"));
            assertThat(output(data, Retention.memory(1000), new Effects[1]).seq()).isEqualTo(1);
        }
    }

    private RoomOutput output(RoomStore data, Retention retention, Effects[] current) {
        return new RoomOutput(codec, data, new SessionTable(), new ResumeLog(retention, data, codec), () -> current[0], () -> null);
    }
}
