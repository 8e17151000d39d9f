package org.roomhub.hub.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    static List<String> keys(Map<String, byte[]> m) {
        return new ArrayList<>(m.keySet());
    }

    @Test
    void a_room_reads_its_own_write_as_soon_as_put_returns() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("chat/lobby");
            CompletableFuture<Void> durable = room.put("greeting", b("hello"));
            assertThat(room.get("greeting")).map(StorageTest::s).contains("hello");
            durable.get(10, TimeUnit.SECONDS);
            assertThat(room.get("greeting")).map(StorageTest::s).contains("hello");
        }
    }

    @Test
    void acknowledged_writes_are_there_after_close_and_reopen() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("chat/lobby");
            room.put(Map.of("a", b("1"), "b", b("2"))).get(10, TimeUnit.SECONDS);
            room.delete("a").get(10, TimeUnit.SECONDS);
        }
        try (Storage storage = Storage.open(dir)) {
            assertThat(storage.recoveryReport().kind()).isEqualTo(RecoveryReport.Kind.CLEAN_SHUTDOWN);
            RoomStore room = storage.forRoom("chat/lobby");
            assertThat(room.get("a")).isEmpty();
            assertThat(room.get("b")).map(StorageTest::s).contains("2");
        }
    }

    @Test
    void a_store_is_created_empty_and_reports_it() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            assertThat(storage.recoveryReport().kind()).isEqualTo(RecoveryReport.Kind.CREATED);
            assertThat(storage.rooms()).isEmpty();
            assertThat(storage.alarms()).isEmpty();
            assertThat(storage.state()).isEqualTo(StorageState.OPEN);
        }
    }

    @Test
    void get_many_returns_only_existing_keys_in_the_order_asked() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            room.put(Map.of("x", b("1"), "y", b("2")));
            assertThat(keys(room.get(List.of("y", "missing", "x")))).containsExactly("y", "x");
        }
    }

    @Test
    void list_honours_prefix_start_end_limit_and_reverse_in_utf8_order() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            for (String k : List.of("a", "b/1", "b/2", "b/3", "c", "é", "\uD83D\uDE00", "\uE000")) {
                room.put(k, b(k));
            }
            assertThat(keys(room.list(ListOptions.all()))).containsExactly("a", "b/1", "b/2", "b/3", "c", "é", "\uE000", "\uD83D\uDE00");
            assertThat(keys(room.list(ListOptions.withPrefix("b/")))).containsExactly("b/1", "b/2", "b/3");
            assertThat(keys(room.list(ListOptions.withPrefix("b/").reverse(true).limit(2)))).containsExactly("b/3", "b/2");
            assertThat(keys(room.list(ListOptions.all().start("b/2").end("c")))).containsExactly("b/2", "b/3");
            assertThat(keys(room.list(ListOptions.all().start("c").end("b")))).isEmpty();
            assertThat(s(room.list(ListOptions.withPrefix("é")).get("é"))).isEqualTo("é");
        }
    }

    @Test
    void list_merges_pending_writes_deletes_and_applied_data() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            room.put(Map.of("1", b("old"), "2", b("old"), "3", b("old"))).get(10, TimeUnit.SECONDS);
            storage.checkpoint();
            room.delete("2");
            room.put("3", b("new"));
            room.put("4", b("new"));
            Map<String, byte[]> listed = room.list(ListOptions.all());
            assertThat(keys(listed)).containsExactly("1", "3", "4");
            assertThat(s(listed.get("3"))).isEqualTo("new");
            assertThat(keys(room.list(ListOptions.all().reverse(true)))).containsExactly("4", "3", "1");
        }
    }

    @Test
    void rooms_do_not_see_each_others_keys() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            storage.forRoom("chat/a").put("k", b("a"));
            storage.forRoom("chat/a/b").put("k", b("ab"));
            storage.forRoom("chat/ab").put("k", b("x"));
            assertThat(s(storage.forRoom("chat/a").get("k").orElseThrow())).isEqualTo("a");
            assertThat(keys(storage.forRoom("chat/a").list(ListOptions.all()))).containsExactly("k");
            assertThat(storage.rooms()).containsExactly("chat/a", "chat/a/b", "chat/ab");
        }
    }

    @Test
    void delete_all_removes_every_key_of_that_room_only_and_keeps_its_alarm() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore a = storage.forRoom("a");
            RoomStore b = storage.forRoom("b");
            a.put(Map.of("1", b("1"), "2", b("2"))).get(10, TimeUnit.SECONDS);
            a.setAlarm(42);
            b.put("1", b("1"));
            storage.checkpoint();
            a.deleteAll();
            a.put("3", b("3"));
            assertThat(keys(a.list(ListOptions.all()))).containsExactly("3");
            assertThat(a.get("1")).isEmpty();
            assertThat(a.getAlarm()).contains(42L);
            assertThat(b.get("1")).isPresent();
            a.durable().get(10, TimeUnit.SECONDS);
        }
        try (Storage storage = Storage.open(dir)) {
            assertThat(keys(storage.forRoom("a").list(ListOptions.all()))).containsExactly("3");
            assertThat(storage.forRoom("b").get("1")).isPresent();
        }
    }

    @Test
    void repeated_writes_and_delete_all_reach_the_slot_in_order() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            for (int i = 0; i < 50; i++) {
                room.put("k", b("v" + i));
                room.put("gone", b("x"));
                room.delete("gone");
            }
            room.put("old", b("x"));
            room.deleteAll();
            room.put("k", b("last"));
            room.setAlarm(5);
            room.durable().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> storage.stats().pendingBytes() == 0);
            // Everything is applied now, so these reads come from the MapDB slot.
            assertThat(keys(room.list(ListOptions.all()))).containsExactly("k");
            assertThat(room.get("k")).map(StorageTest::s).contains("last");
            assertThat(room.getAlarm()).contains(5L);
        }
    }

    @Test
    void a_room_emptied_by_delete_all_is_no_longer_listed_among_rooms() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            storage.forRoom("gone").put("k", b("v")).get(10, TimeUnit.SECONDS);
            storage.forRoom("kept").put("k", b("v"));
            storage.forRoom("gone").deleteAll();
            assertThat(storage.rooms()).containsExactly("kept");
        }
    }

    @Test
    void alarms_of_all_rooms_are_listed_after_a_restart() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            storage.forRoom("a").setAlarm(1000);
            storage.forRoom("b").setAlarm(2000);
            storage.forRoom("c").setAlarm(3000);
            storage.forRoom("c").deleteAlarm();
        }
        try (Storage storage = Storage.open(dir)) {
            assertThat(storage.alarms()).isEqualTo(Map.of("a", 1000L, "b", 2000L));
            assertThat(storage.forRoom("a").getAlarm()).contains(1000L);
            assertThat(storage.forRoom("c").getAlarm()).isEmpty();
            assertThat(storage.rooms()).containsExactly("a", "b");
        }
    }

    @Test
    void a_transaction_commits_all_its_writes_and_reads_them_inside() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            room.put("gone", b("x"));
            CompletableFuture<Void> done = room.transaction(tx -> {
                tx.put("a", b("1"));
                tx.delete("gone");
                assertThat(tx.get("a")).map(StorageTest::s).contains("1");
                assertThat(tx.get("gone")).isEmpty();
                assertThat(keys(tx.list(ListOptions.all()))).containsExactly("a");
                tx.setAlarm(7);
                assertThat(tx.getAlarm()).contains(7L);
            });
            done.get(10, TimeUnit.SECONDS);
            assertThat(keys(room.list(ListOptions.all()))).containsExactly("a");
            assertThat(room.getAlarm()).contains(7L);
        }
    }

    @Test
    void a_transaction_whose_body_throws_writes_nothing() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            assertThatThrownBy(() -> room.transaction(tx -> {
                tx.put("a", b("1"));
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(room.get("a")).isEmpty();
            assertThat(storage.rooms()).isEmpty();
        }
    }

    @Test
    void a_rolled_back_transaction_writes_nothing_and_refuses_further_writes() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            room.transaction(tx -> {
                tx.put("a", b("1"));
                tx.rollback();
                assertThatThrownBy(() -> tx.put("b", b("2"))).isInstanceOf(IllegalStateException.class);
            }).get(10, TimeUnit.SECONDS);
            assertThat(room.list(ListOptions.all())).isEmpty();
        }
    }

    @Test
    void invalid_input_is_rejected_before_anything_is_written() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            assertThatThrownBy(() -> room.put("k".repeat(2049), b("v"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> room.put("k", new byte[128 * 1024 + 1])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> room.put("bad\uD800", b("v"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> room.put(Map.of("ok", b("v"), "bad", new byte[200_000])))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.forRoom("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.forRoom("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
            assertThat(room.get("ok")).isEmpty();
            assertThat(storage.stats().lastSequence()).isZero();
        }
    }

    @Test
    void values_are_copied_so_callers_cannot_change_stored_data() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            byte[] value = b("abc");
            room.put("k", value);
            value[0] = 'X';
            room.get("k").orElseThrow()[1] = 'Y';
            assertThat(room.get("k")).map(StorageTest::s).contains("abc");
        }
    }

    @Test
    void durable_completes_once_every_earlier_write_of_the_room_is_durable() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                writes.add(room.put("k" + i, b("v" + i)));
            }
            room.durable().get(10, TimeUnit.SECONDS);
            assertThat(writes).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            assertThat(storage.forRoom("idle").durable()).isCompleted();
        }
    }

    @Test
    void concurrent_writers_of_many_rooms_share_fsyncs_and_all_become_durable() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            List<Thread> threads = new ArrayList<>();
            List<CompletableFuture<Void>> all = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 8; t++) {
                RoomStore room = storage.forRoom("room-" + t);
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < 200; i++) {
                        all.add(room.put("k" + i, new byte[100]));
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            StorageStats stats = storage.stats();
            assertThat(stats.acknowledgedWrites()).isEqualTo(1600);
            assertThat(stats.groupCommits()).isLessThan(1600);
            for (int t = 0; t < 8; t++) {
                assertThat(storage.forRoom("room-" + t).list(ListOptions.all())).hasSize(200);
            }
        }
    }

    @Test
    void background_checkpoints_remove_old_journal_segments_and_keep_all_data() throws Exception {
        StorageOptions small = StorageOptions.defaults().withSegmentBytes(8 * 1024).withCheckpointBytes(32 * 1024);
        try (Storage storage = Storage.open(dir, small)) {
            RoomStore room = storage.forRoom("r");
            for (int i = 0; i < 500; i++) {
                room.put("k" + i, new byte[500]);
            }
            room.durable().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> storage.stats().checkpoints() > 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> JournalSegment.list(JdkFileLayer.INSTANCE, dir).size() < 10);
        }
        try (Storage storage = Storage.open(dir, small)) {
            assertThat(storage.forRoom("r").list(ListOptions.all())).hasSize(500);
        }
    }

    @Test
    void approximate_bytes_sums_keys_and_values_of_the_room() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("r");
            room.put(Map.of("ab", new byte[10], "c", new byte[5]));
            storage.forRoom("other").put("x", new byte[100]);
            assertThat(room.approximateBytes()).isEqualTo(18);
        }
    }

    @Test
    void writes_after_close_are_refused_and_close_is_idempotent() throws Exception {
        Storage storage = Storage.open(dir);
        RoomStore room = storage.forRoom("r");
        storage.close();
        storage.close();
        assertThat(storage.state()).isEqualTo(StorageState.CLOSED);
        assertThatThrownBy(() -> room.put("k", b("v"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> room.get("k")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_store_cannot_be_opened_twice_at_once() throws Exception {
        try (Storage storage = Storage.open(dir)) {
            assertThatThrownBy(() -> Storage.open(dir)).hasMessageContaining("already open");
            assertThat(storage.state()).isEqualTo(StorageState.OPEN);
        }
    }

    @Test
    void a_write_beyond_the_pending_bound_waits_and_then_fails_loudly_without_being_written() throws Exception {
        StorageOptions tight = StorageOptions.defaults().withMaxPendingBytes(StorageOptions.MAX_RECORD_BYTES + 2048)
                .withBackpressureTimeout(Duration.ZERO);
        try (Storage storage = Storage.open(dir, tight)) {
            RoomStore room = storage.forRoom("r");
            // Fill the budget with one huge transaction, then a second one cannot be accepted at once.
            Map<String, byte[]> big = new java.util.HashMap<>();
            for (int i = 0; i < 200; i++) {
                big.put("k" + i, new byte[100 * 1024]);
            }
            room.put(big);
            assertThatThrownBy(() -> room.put(big)).isInstanceOf(StorageOverloadedException.class);
            room.durable().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> storage.stats().pendingBytes() == 0);
            room.put("after", b("ok")).get(10, TimeUnit.SECONDS);
            assertThat(room.get("after")).isPresent();
        }
    }
}
