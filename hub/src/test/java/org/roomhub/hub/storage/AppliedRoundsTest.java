package org.roomhub.hub.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applier's sorted rounds: what reaches the MapDB slot (read after a clean reopen, when no overlay is left)
 * is each key's last write, also when a round puts and deletes keys the slot held before and keys it never held.
 */
class AppliedRoundsTest {

    @TempDir
    Path dir;

    private static String key(int i) {
        return String.format("log/%04d", i);
    }

    @Test
    void a_round_that_puts_and_deletes_many_keys_leaves_exactly_the_last_writes_in_the_slot() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("chat/rounds");
            for (int i = 0; i < 40; i++) {
                room.put(key(i), ("old " + i).getBytes(UTF_8));
            }
            room.durable().get(10, TimeUnit.SECONDS);
            storage.checkpoint(); // the first forty keys are now in the slot
            // One burst, applied as one round or a few: a rolling log (put, then deleted) over keys 30..129, of which
            // 30..39 were in the slot; keys 0..9 are deleted outright, 10..19 rewritten, 20..29 rewritten then deleted.
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 30; i < 130; i++) {
                WriteSet w = new WriteSet();
                w.put(key(i), ("new " + i).getBytes(UTF_8));
                if (i - 30 < 10) {
                    w.delete(key(i - 30));
                } else if (i - 30 < 20) {
                    w.put(key(i - 30), ("new " + (i - 30)).getBytes(UTF_8));
                }
                writes.add(room.commit(w));
            }
            for (int i = 20; i < 120; i++) {
                WriteSet w = new WriteSet();
                w.delete(key(i));
                writes.add(room.commit(w));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
        try (Storage storage = Storage.open(dir)) {
            assertThat(storage.recoveryReport().kind()).isEqualTo(RecoveryReport.Kind.CLEAN_SHUTDOWN);
            RoomStore room = storage.forRoom("chat/rounds");
            List<String> expected = new ArrayList<>();
            for (int i = 10; i < 20; i++) {
                expected.add(key(i) + "=new " + i);
            }
            for (int i = 120; i < 130; i++) {
                expected.add(key(i) + "=new " + i);
            }
            List<String> stored = new ArrayList<>();
            room.list(ListOptions.withPrefix("log/")).forEach((k, v) -> stored.add(k + "=" + new String(v, UTF_8)));
            assertThat(stored).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void a_round_of_wide_and_narrow_writes_leaves_exactly_the_last_writes_in_the_slot() throws Exception {
        List<String> expected = new ArrayList<>();
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("chat/wide");
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            // Twenty writes of twelve keys each (more columns, and more wide records, than a column starts with),
            // each followed by a one-key write that rewrites one of its keys and deletes one of the previous write's.
            for (int r = 0; r < 20; r++) {
                java.util.Map<String, byte[]> wide = new java.util.TreeMap<>();
                for (int j = 0; j < 12; j++) {
                    wide.put(String.format("w/%02d/%02d", r, j), ("wide " + r + "/" + j).getBytes(UTF_8));
                }
                writes.add(room.put(wide));
                WriteSet narrow = new WriteSet();
                narrow.put(String.format("w/%02d/%02d", r, r % 12), ("narrow " + r).getBytes(UTF_8));
                if (r > 0) {
                    narrow.delete(String.format("w/%02d/%02d", r - 1, 0));
                }
                writes.add(room.commit(narrow));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        }
        for (int r = 0; r < 20; r++) {
            for (int j = 0; j < 12; j++) {
                if (j == 0 && r < 19) {
                    continue; // deleted by the next narrow write
                }
                expected.add(String.format("w/%02d/%02d", r, j) + "=" + (j == r % 12 ? "narrow " + r : "wide " + r + "/" + j));
            }
        }
        try (Storage storage = Storage.open(dir)) {
            List<String> stored = new ArrayList<>();
            storage.forRoom("chat/wide").list(ListOptions.withPrefix("w/")).forEach((k, v) -> stored.add(k + "=" + new String(v, UTF_8)));
            assertThat(stored).containsExactlyElementsOf(expected);
        }
    }
}
