package org.roomhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery from the file states a crash (or damage) can leave. A "crash image" is a copy of the folder of a
 * running store after its writes were acknowledged: what {@code kill -9} leaves behind.
 */
class RecoveryTest {

    @TempDir
    Path tmp;

    private final StorageOptions smallSegments = StorageOptions.defaults().withSegmentBytes(4096);

    /** Writes {@code n} keys of about 300 bytes, checkpointing after {@code checkpointAfter}, and returns a crash image. */
    private Path crashImage(int n, int checkpointAfter, StorageOptions options) throws Exception {
        Path live = tmp.resolve("live");
        Path image = tmp.resolve("image");
        try (Storage storage = Storage.open(live, options)) {
            RoomStore room = storage.forRoom("r");
            for (int i = 0; i < n; i++) {
                CompletableFuture<Void> durable = room.put(String.format("k%05d", i), value(i));
                if (options == smallSegments) {
                    durable.get(10, TimeUnit.SECONDS); // one group commit each, so segments fill one by one
                }
                if (i + 1 == checkpointAfter) {
                    room.durable().get(10, TimeUnit.SECONDS);
                    await().atMost(Duration.ofSeconds(10)).until(() -> storage.stats().pendingBytes() == 0);
                    storage.checkpoint();
                }
            }
            room.durable().get(10, TimeUnit.SECONDS);
            Files.createDirectories(image);
            try (Stream<Path> files = Files.list(live)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (!f.getFileName().toString().equals("LOCK")) {
                        Files.copy(f, image.resolve(f.getFileName()));
                    }
                }
            }
        }
        return image;
    }

    private static byte[] value(int i) {
        byte[] v = new byte[300];
        java.util.Arrays.fill(v, (byte) i);
        return v;
    }

    private static void assertAllKeys(Storage storage, int n) {
        RoomStore room = storage.forRoom("r");
        assertThat(room.list(ListOptions.all())).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(room.get(String.format("k%05d", i))).get().isEqualTo(value(i));
        }
    }

    private static Path lastSegment(Path dir) throws IOException {
        List<JournalSegment> segments = JournalSegment.list(JdkFileLayer.INSTANCE, dir);
        return segments.get(segments.size() - 1).file();
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, offset);
            b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
            ch.write(b, offset);
        }
    }

    @Test
    void a_crashed_store_recovers_every_acknowledged_write_from_clean_slot_and_journal() throws Exception {
        Path image = crashImage(200, 120, StorageOptions.defaults());
        try (Storage storage = Storage.open(image)) {
            RecoveryReport report = storage.recoveryReport();
            assertThat(report.kind()).isEqualTo(RecoveryReport.Kind.CRASH_RECOVERY);
            assertThat(report.baseSeq()).isEqualTo(120);
            assertThat(report.replayed()).isEqualTo(80);
            assertThat(report.lastSeq()).isEqualTo(200);
            assertAllKeys(storage, 200);
            storage.forRoom("r").put("after", new byte[1]).get(10, TimeUnit.SECONDS);
        }
        try (Storage storage = Storage.open(image)) {
            assertThat(storage.forRoom("r").get("after")).isPresent();
        }
    }

    @Test
    void a_store_recovered_twice_in_a_row_keeps_its_data() throws Exception {
        Path image = crashImage(50, 0, smallSegments);
        Path again = tmp.resolve("again");
        try (Storage storage = Storage.open(image, smallSegments)) {
            storage.forRoom("r").put("more", new byte[10]).get(10, TimeUnit.SECONDS);
            Files.createDirectories(again);
            try (Stream<Path> files = Files.list(image)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (!f.getFileName().toString().equals("LOCK")) {
                        Files.copy(f, again.resolve(f.getFileName()));
                    }
                }
            }
        }
        try (Storage storage = Storage.open(again, smallSegments)) {
            assertThat(storage.recoveryReport().kind()).isEqualTo(RecoveryReport.Kind.CRASH_RECOVERY);
            assertThat(storage.forRoom("r").list(ListOptions.all())).hasSize(51);
        }
    }

    @Test
    void a_torn_tail_of_unacknowledged_bytes_is_truncated_and_everything_before_it_replayed() throws Exception {
        Path image = crashImage(30, 0, StorageOptions.defaults());
        Path segment = lastSegment(image);
        long size = Files.size(segment);
        // Half of a frame: a plausible length and checksum but a body cut short, as a torn write leaves it.
        Files.write(segment, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 31, 9, 9}, StandardOpenOption.APPEND);
        try (Storage storage = Storage.open(image)) {
            assertThat(storage.recoveryReport().tornTailBytes()).isEqualTo(18);
            assertThat(storage.recoveryReport().replayed()).isEqualTo(30);
            assertAllKeys(storage, 30);
            assertThat(Files.size(segment)).isEqualTo(size);
        }
    }

    @Test
    void damage_followed_by_a_valid_record_of_a_later_group_commit_is_refused_with_what_was_found() throws Exception {
        // One group commit per put, so the record after the damaged one was written after its fdatasync.
        Path image = crashImage(30, 0, smallSegments);
        Path segment = JournalSegment.list(JdkFileLayer.INSTANCE, image).get(0).file();
        flipByte(segment, 20);
        assertThatThrownBy(() -> Storage.open(image, smallSegments))
                .isInstanceOf(UnrecoverableStoreException.class)
                .hasMessageContaining(segment.getFileName().toString())
                .hasMessageContaining("unreadable bytes at offset 0")
                .hasMessageContaining("followed by a valid record (seq 2)")
                .hasMessageContaining("of a later group commit");
    }

    @Test
    void a_damaged_segment_followed_by_a_later_segment_is_refused() throws Exception {
        Path image = crashImage(60, 0, smallSegments);
        List<JournalSegment> segments = JournalSegment.list(JdkFileLayer.INSTANCE, image);
        assertThat(segments.size()).isGreaterThan(2);
        Path first = segments.get(0).file();
        try (FileChannel ch = FileChannel.open(first, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(first) - 5);
        }
        assertThatThrownBy(() -> Storage.open(image, smallSegments))
                .isInstanceOf(UnrecoverableStoreException.class)
                .hasMessageContaining("but a later segment");
    }

    @Test
    void a_missing_journal_segment_is_refused() throws Exception {
        Path image = crashImage(60, 0, smallSegments);
        List<JournalSegment> segments = JournalSegment.list(JdkFileLayer.INSTANCE, image);
        assertThat(segments.size()).isGreaterThan(2);
        Files.delete(segments.get(1).file());
        assertThatThrownBy(() -> Storage.open(image, smallSegments))
                .isInstanceOf(UnrecoverableStoreException.class)
                .hasMessageContaining("journal is missing records " + segments.get(1).firstSeq());
    }

    @Test
    void journal_segments_without_a_pointer_file_are_refused_instead_of_starting_fresh() throws Exception {
        Path image = crashImage(10, 0, StorageOptions.defaults());
        Files.delete(image.resolve(PointerFile.NAME));
        assertThatThrownBy(() -> Storage.open(image))
                .isInstanceOf(UnrecoverableStoreException.class)
                .hasMessageContaining("no pointer file")
                .hasMessageContaining("journal-00000000000000000001.log");
        assertThat(JournalSegment.list(JdkFileLayer.INSTANCE, image)).hasSize(1);
    }

    @Test
    void a_damaged_pointer_file_is_refused() throws Exception {
        Path image = crashImage(10, 0, StorageOptions.defaults());
        flipByte(image.resolve(PointerFile.NAME), 9);
        assertThatThrownBy(() -> Storage.open(image))
                .isInstanceOf(UnrecoverableStoreException.class)
                .hasMessageContaining("pointer file")
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void a_damaged_clean_slot_is_refused_with_its_checksums() throws Exception {
        Path image = crashImage(10, 5, StorageOptions.defaults());
        Path clean = image.resolve(PointerFile.Pointer.cleanFileName(5));
        flipByte(clean, Files.size(clean) / 2);
        assertThatThrownBy(() -> Storage.open(image))
                .isInstanceOf(UnrecoverableStoreException.class)
                .hasMessageContaining("clean slot")
                .hasMessageContaining("is damaged: CRC32C");
    }

    @Test
    void a_missing_clean_slot_is_refused_naming_the_files_found() throws Exception {
        Path image = crashImage(10, 5, StorageOptions.defaults());
        Files.delete(image.resolve(PointerFile.Pointer.cleanFileName(5)));
        assertThatThrownBy(() -> Storage.open(image))
                .isInstanceOf(UnrecoverableStoreException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("working.db");
    }

    @Test
    void a_store_whose_creation_crashed_before_the_pointer_was_written_opens_empty() throws Exception {
        Path dir = tmp.resolve("new");
        Files.createDirectories(dir);
        Files.write(dir.resolve(Slot.WORKING_NAME), new byte[] {1, 2, 3});
        Files.write(dir.resolve(PointerFile.Pointer.cleanFileName(0) + ".tmp"), new byte[] {4, 5});
        try (Storage storage = Storage.open(dir)) {
            assertThat(storage.recoveryReport().kind()).isEqualTo(RecoveryReport.Kind.CREATED);
            storage.forRoom("r").put("k", new byte[1]).get(10, TimeUnit.SECONDS);
        }
        try (Storage storage = Storage.open(dir)) {
            assertThat(storage.forRoom("r").get("k")).isPresent();
        }
    }

    @Test
    void a_cleanly_closed_store_with_a_damaged_working_slot_recovers_from_clean_slot_and_journal() throws Exception {
        Path dir = tmp.resolve("closed");
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            for (int i = 0; i < 20; i++) {
                room.put(String.format("k%05d", i), value(i));
            }
        }
        Files.write(dir.resolve(Slot.WORKING_NAME), new byte[4096]);
        try (Storage storage = Storage.open(dir)) {
            assertThat(storage.recoveryReport().kind()).isEqualTo(RecoveryReport.Kind.CRASH_RECOVERY);
            assertAllKeys(storage, 20);
        }
    }

    @Test
    void leftover_temp_files_and_unreferenced_clean_slots_are_removed_on_recovery() throws Exception {
        Path image = crashImage(10, 0, StorageOptions.defaults());
        Files.write(image.resolve(PointerFile.Pointer.cleanFileName(7)), new byte[] {1});
        Files.write(image.resolve(PointerFile.Pointer.cleanFileName(9) + ".tmp"), new byte[] {1});
        Files.write(image.resolve(PointerFile.TEMP_NAME), new byte[] {1});
        try (Storage storage = Storage.open(image)) {
            assertAllKeys(storage, 10);
        }
        assertThat(image.resolve(PointerFile.Pointer.cleanFileName(7))).doesNotExist();
        assertThat(image.resolve(PointerFile.Pointer.cleanFileName(9) + ".tmp")).doesNotExist();
        assertThat(image.resolve(PointerFile.TEMP_NAME)).doesNotExist();
    }
}
