package org.roomhub.hub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.room.RoomType.Retention;
import org.roomhub.hub.storage.ListOptions;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.Storage;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * A durable resume log keeps each frame in the slot {@code seq mod frames}, overwritten a lap later; a log read
 * from the store alone (a woken room holds no frames in memory) is whole across the wrap, misses what a later lap
 * overwrote, and reads a store written with one key per frame, whose keys go as the slots fill.
 */
class ResumeLogSlotsTest {

    private static final Retention FIVE = Retention.durable(5);

    private final FrameCodec codec = new FrameCodec();

    @TempDir
    Path dir;

    @Test
    void a_log_read_from_the_store_replays_across_the_slots_wrap_and_refuses_what_a_later_lap_overwrote() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore data = storage.forRoom("chat/slots");
            ResumeLog log = new ResumeLog(FIVE, data, codec);
            for (long seq = 1; seq <= 13; seq++) {
                broadcast(log, data, seq);
            }
            assertThat(data.keys(ListOptions.withPrefix("h:")).stream().filter(k -> k.startsWith("h:slot:")))
                    .containsExactly("h:slot:0", "h:slot:1", "h:slot:2", "h:slot:3", "h:slot:4");
            ResumeLog woken = new ResumeLog(FIVE, data, codec);
            assertThat(seqs(woken.since(8, 13))).contains(List.of(9L, 10L, 11L, 12L, 13L));
            assertThat(seqs(woken.since(10, 13))).contains(List.of(11L, 12L, 13L));
            assertThat(seqs(woken.since(12, 13))).contains(List.of(13L));
            assertThat(woken.since(13, 13)).contains(List.of());
            assertThat(woken.since(7, 13)).as("frame 8's slot holds frame 13 now").isEmpty();
            assertThat(woken.since(14, 13)).isEmpty();
        }
    }

    @Test
    void a_store_written_with_one_key_per_frame_is_replayed_and_its_keys_go_one_per_broadcast() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore data = storage.forRoom("chat/legacy");
            for (long seq = 1; seq <= 5; seq++) {
                data.put(ResumeLog.legacyKey(seq), frame(seq).bytes()).join(); // as the log wrote them before slots
            }
            ResumeLog log = new ResumeLog(FIVE, data, codec);
            assertThat(log.lastStoredSeq()).isEqualTo(5);
            broadcast(log, data, 6);
            broadcast(log, data, 7);
            assertThat(data.keys(ListOptions.withPrefix(ResumeLog.LEGACY_PREFIX)))
                    .containsExactly(ResumeLog.legacyKey(3), ResumeLog.legacyKey(4), ResumeLog.legacyKey(5));
            ResumeLog woken = new ResumeLog(FIVE, data, codec);
            assertThat(seqs(woken.since(2, 7))).contains(List.of(3L, 4L, 5L, 6L, 7L));
            assertThat(seqs(woken.since(5, 7))).contains(List.of(6L, 7L));
            assertThat(woken.since(1, 7)).as("frame 2 was deleted as before").isEmpty();
            for (long seq = 8; seq <= 11; seq++) {
                broadcast(woken, data, seq);
            }
            assertThat(data.keys(ListOptions.withPrefix(ResumeLog.LEGACY_PREFIX))).isEmpty();
            assertThat(seqs(new ResumeLog(FIVE, data, codec).since(6, 11))).contains(List.of(7L, 8L, 9L, 10L, 11L));
        }
    }

    @Test
    void the_newest_stored_seq_is_found_in_the_slots_after_any_number_of_broadcasts_with_or_without_older_keys() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore fresh = storage.forRoom("chat/fresh");
            RoomStore upgraded = storage.forRoom("chat/upgraded");
            for (long seq = 1; seq <= 3; seq++) {
                upgraded.put(ResumeLog.legacyKey(seq), frame(seq).bytes()).join();
            }
            assertThat(new ResumeLog(FIVE, fresh, codec).lastStoredSeq()).isZero();
            ResumeLog freshLog = new ResumeLog(FIVE, fresh, codec);
            ResumeLog upgradedLog = new ResumeLog(FIVE, upgraded, codec);
            for (long seq = 1; seq <= 17; seq++) {
                broadcast(freshLog, fresh, seq);
                broadcast(upgradedLog, upgraded, seq + 3);
                assertThat(new ResumeLog(FIVE, fresh, codec).lastStoredSeq()).isEqualTo(seq);
                assertThat(new ResumeLog(FIVE, upgraded, codec).lastStoredSeq()).isEqualTo(seq + 3);
            }
        }
    }

    private void broadcast(ResumeLog log, RoomStore data, long seq) {
        Effects effects = new Effects();
        log.record(effects, frame(seq));
        data.commit(effects.writes()).join();
        log.committed(effects.logged);
    }

    private EncodedFrame frame(long seq) {
        return codec.encode(new ServerFrame.ChatMessage("id" + seq, "ann", "s1", "text " + seq, 1, seq));
    }

    private static Optional<List<Long>> seqs(Optional<List<EncodedFrame>> frames) {
        return frames.map(list -> list.stream().map(EncodedFrame::seq).toList());
    }
}
