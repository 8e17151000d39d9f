package org.roomhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holes the power-loss explorer found, kept as plain tests: the disk states it produced, built by hand.
 */
class PowerLossRegressionTest {

    @TempDir
    Path dir;

    /** A store holding record 1 (key k1), closed; returns its only journal segment. */
    private Path storeWithOneRecord() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            storage.forRoom("r").put("k1", new byte[] {1}).get(10, TimeUnit.SECONDS);
        }
        return dir.resolve(JournalSegment.fileName(1));
    }

    /** Appends records 2..4 (keys k2..k4, 1000-byte values) as written by group commits starting at {@code groups}. */
    private static void appendRecords(Path segment, long[] groups, int damagedRecord) throws Exception {
        RoomKeys keys = new RoomKeys("r");
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        List<Integer> starts = new ArrayList<>();
        for (int seq = 2; seq <= 4; seq++) {
            starts.add(buf.position());
            byte[] value = new byte[1000];
            new Random(seq).nextBytes(value);
            RecordCodec.encode(seq, groups[seq - 2], List.of(new Op.Put(keys.data("k" + seq), value)), buf);
        }
        buf.flip();
        // A sector of the damaged record never reached the disk: zeros, as a dropped write leaves them.
        int damageAt = starts.get(damagedRecord - 2) + 200;
        for (int i = 0; i < 512; i++) {
            buf.put(damageAt + i, (byte) 0);
        }
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(buf);
        }
    }

    @Test
    void a_torn_last_group_commit_whose_later_sectors_reached_the_disk_is_truncated_instead_of_refused() throws Exception {
        // Explorer seed 1, op 30, state seed 1003934: "unreadable bytes ... followed by a valid record", a refused start.
        Path segment = storeWithOneRecord();
        appendRecords(segment, new long[] {2, 2, 2}, 2);
        try (Storage storage = Storage.open(dir)) {
            assertThat(storage.recoveryReport().tornTailBytes()).isPositive();
            RoomStore room = storage.forRoom("r");
            assertThat(room.get("k1")).isPresent();
            assertThat(room.get("k2")).isEmpty();
            assertThat(room.get("k3")).as("a record of the torn group is never acknowledged").isEmpty();
            room.put("k5", new byte[] {5}).get(10, TimeUnit.SECONDS);
        }
        try (Storage storage = Storage.open(dir)) {
            assertThat(storage.forRoom("r").get("k5")).isPresent();
            assertThat(storage.forRoom("r").get("k4")).isEmpty();
        }
    }

    @Test
    void damage_followed_by_a_record_of_a_later_group_commit_is_still_refused() throws Exception {
        // Record 2 was its own group (so it was fdatasync'ed, maybe acknowledged) before group 3..4 was written.
        Path segment = storeWithOneRecord();
        appendRecords(segment, new long[] {2, 3, 3}, 2);
        assertThatThrownBy(() -> Storage.open(dir))
                .isInstanceOf(UnrecoverableStoreException.class)
                .hasMessageContaining("followed by a valid record (seq 3)")
                .hasMessageContaining("of a later group commit");
    }

    @Test
    void checkpoints_asked_for_by_hand_while_background_ones_run_do_not_collide() throws Exception {
        // The explorer's "keeps working" step met NoSuchFileException renaming clean-N.db.tmp: two checkpoints at once.
        StorageOptions options = StorageOptions.defaults().withSegmentBytes(4096).withCheckpointBytes(4096);
        try (Storage storage = Storage.open(dir, options)) {
            RoomStore room = storage.forRoom("r");
            CompletableFuture<Void> checkpoints = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 40; i++) {
                    try {
                        storage.checkpoint();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            for (int i = 0; !checkpoints.isDone() || i < 200; i++) {
                room.put("k" + (i % 50), new byte[700]).get(10, TimeUnit.SECONDS);
            }
            checkpoints.get(60, TimeUnit.SECONDS);
            assertThat(storage.state()).isEqualTo(StorageState.OPEN);
            assertThat(storage.stats().checkpoints()).isGreaterThanOrEqualTo(2);
        }
    }
}
