package org.roomhub.hub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A room's serial queue: in order, one at a time on a shared pool, past a throwing task, bounded. */
class SerialQueueTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void tasks_run_in_the_order_they_were_executed() {
        SerialQueue queue = new SerialQueue(pool, 100_000, (task, error) -> failures.add(error));
        List<Integer> ran = new ArrayList<>(); // deliberately not thread-safe: the queue must make it safe
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < 10_000; i++) {
            int n = i;
            queue.execute(() -> {
                ran.add(n);
                done.incrementAndGet();
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 10_000);
        synchronized (ran) {
            assertThat(ran).isEqualTo(IntStream.range(0, 10_000).boxed().toList());
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void a_throwing_task_is_reported_and_the_queue_goes_on() {
        List<Runnable> reported = new CopyOnWriteArrayList<>();
        SerialQueue queue = new SerialQueue(pool, 100, (task, error) -> {
            reported.add(task);
            failures.add(error);
        });
        List<String> ran = new CopyOnWriteArrayList<>();
        Runnable thrower = () -> {
            ran.add("thrower");
            throw new IllegalStateException("boom");
        };
        queue.execute(() -> ran.add("before"));
        queue.execute(thrower);
        queue.execute(() -> ran.add("after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 3);
        assertThat(ran).containsExactly("before", "thrower", "after");
        assertThat(reported).containsExactly(thrower);
        assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessage("boom"));
        assertThat(queue.size()).isZero();
    }

    @Test
    void never_two_tasks_at_once_even_when_many_threads_execute_into_it() throws Exception {
        SerialQueue queue = new SerialQueue(pool, 100_000, (task, error) -> failures.add(error));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService producers = Executors.newFixedThreadPool(4);
        try {
            for (int p = 0; p < 4; p++) {
                producers.execute(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        queue.execute(() -> {
                            most.accumulateAndGet(running.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            assertThat(queue.inQueue()).isTrue();
                            running.decrementAndGet();
                            done.incrementAndGet();
                        });
                    }
                });
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> done.get() == 8_000);
        } finally {
            producers.shutdownNow();
        }
        assertThat(most).hasValue(1);
        assertThat(failures).isEmpty();
        assertThat(queue.inQueue()).isFalse();
    }

    @Test
    void a_full_queue_refuses_work_but_takes_the_runtimes_own_events() {
        ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>(); // a pool that runs nothing until told
        SerialQueue queue = new SerialQueue(held::add, 2, (task, error) -> failures.add(error));
        List<String> ran = new ArrayList<>();
        queue.execute(() -> ran.add("a"));
        queue.execute(() -> ran.add("b"));
        assertThatThrownBy(() -> queue.execute(() -> ran.add("c")))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("full (2 events)");
        queue.executeAlways(() -> ran.add("idle check"));
        assertThat(queue.size()).isEqualTo(3);
        runAll(held);
        assertThat(ran).containsExactly("a", "b", "idle check");
        assertThat(queue.size()).isZero();
    }

    @Test
    void a_busy_queue_gives_its_pool_thread_back_after_a_batch_and_carries_on_in_a_new_turn() {
        ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
        SerialQueue queue = new SerialQueue(held::add, 1_000, (task, error) -> failures.add(error));
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            queue.execute(() -> ran.add(n));
        }
        assertThat(held).hasSize(1); // one turn asked for, however many tasks wait
        held.poll().run();
        assertThat(ran).hasSizeLessThan(100).isNotEmpty();
        assertThat(held).hasSize(1); // the rest waits for its next turn on the pool
        runAll(held);
        assertThat(ran).isEqualTo(IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void the_cpu_time_of_a_turn_is_read_once_for_all_its_tasks() {
        ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();
        List<Long> told = new ArrayList<>();
        SerialQueue queue = new SerialQueue(held::add, 1_000, (task, error) -> failures.add(error), told::add);
        long[] sink = new long[1];
        for (int i = 0; i < 100; i++) {
            queue.execute(() -> {
                for (int k = 0; k < 200_000; k++) {
                    sink[0] += k ^ sink[0];
                }
            });
        }
        runAll(held);
        // Thread CPU time is a system call: 100 tasks in two turns (a batch is 64) are two readings, not 100.
        assertThat(told).hasSizeBetween(1, 2);
        assertThat(told.stream().mapToLong(Long::longValue).sum()).isPositive();
    }

    private static void runAll(ConcurrentLinkedQueue<Runnable> held) {
        for (Runnable turn; (turn = held.poll()) != null; ) {
            turn.run();
        }
    }

    @Test
    void a_pool_shutting_down_while_a_queue_drains_leaves_no_exception_on_the_pool_thread() {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        ExecutorService own = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "serial-queue-test");
            t.setUncaughtExceptionHandler((thread, error) -> uncaught.add(error));
            return t;
        });
        SerialQueue queue = new SerialQueue(own, 100, (task, error) -> failures.add(error));
        AtomicInteger ran = new AtomicInteger();
        java.util.concurrent.CountDownLatch queued = new java.util.concurrent.CountDownLatch(1);
        queue.execute(() -> {
            try {
                queued.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            own.shutdown(); // the hub stops while this room runs a turn that cannot take all its tasks
            ran.incrementAndGet();
        });
        for (int i = 0; i < 99; i++) {
            queue.execute(ran::incrementAndGet);
        }
        queued.countDown();
        await().atMost(Duration.ofSeconds(10)).until(own::isTerminated);
        assertThat(ran).hasValue(64); // one turn; the pool refused the next
        assertThat(uncaught).isEmpty();
        assertThat(failures).isEmpty();
    }
}
