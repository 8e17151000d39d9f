package org.roomhub.hub.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group commit's gathering under load: more writes per fdatasync, never a wait for a lone writer. */
class CommitDelayTest {

    @TempDir
    Path dir;

    private static Record put(String key, int valueBytes) {
        return new Record(List.of(new Op.Put(key.getBytes(UTF_8), new byte[valueBytes])));
    }

    @Test
    void writes_that_arrive_while_a_group_gathers_join_that_group() throws Exception {
        CommitQueue queue = new CommitQueue();
        queue.offer(put("a", 10));
        List<Record> batch = new ArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread committer = new Thread(() -> {
            try {
                queue.takeBatch(batch, 1 << 20, TimeUnit.SECONDS.toNanos(5));
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        committer.start();
        // TIMED_WAITING only in the gather's park: the lock and the empty-queue wait have no timeout.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> committer.getState() == Thread.State.TIMED_WAITING);
        queue.offer(put("b", 10));
        committer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(failed.get()).isNull();
        assertThat(batch).extracting(r -> new String(((Op.Put) r.ops.get(0)).key(), UTF_8)).containsExactly("a", "b");
    }

    @Test
    void a_full_batch_is_written_without_gathering() throws Exception {
        CommitQueue queue = new CommitQueue();
        queue.offer(put("a", 5000));
        queue.offer(put("b", 5000));
        List<Record> batch = new ArrayList<>();
        CompletableFuture<Boolean> took = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.takeBatch(batch, 8192, TimeUnit.MINUTES.toNanos(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(took.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(batch).hasSize(1);
    }

    @Test
    void a_lone_writer_never_waits_the_commit_delay() throws Exception {
        StorageOptions options = StorageOptions.defaults().withCommitDelay(Duration.ofSeconds(1));
        try (Storage storage = Storage.open(dir, options)) {
            RoomStore room = storage.forRoom("chat/lobby");
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 30; i++) {
                    room.put("k" + i, ("v" + i).getBytes(UTF_8)).join();
                }
            });
            // Had each of the 30 one-write groups gathered for the delay, this would take 30 s.
            await().atMost(Duration.ofSeconds(20)).until(writes::isDone);
            assertThat(writes).isCompleted();
            assertThat(storage.stats().groupCommits()).isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void a_commit_delay_past_one_second_is_refused() {
        assertThatThrownBy(() -> StorageOptions.defaults().withCommitDelay(Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commitDelay");
        assertThatThrownBy(() -> StorageOptions.defaults().withCommitDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
