package org.roomhub.hub.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Benchmark (not a test): acknowledged writes/s for 1, 8 and 64 concurrent writers, and recovery time of a
 * store of 1 M keys. Each writer is one room that puts a 100-byte value and waits for it to be durable
 * before the next (what a room behind an output gate sees). Run:
 * <pre>
 * mvn -B -pl hub -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.roomhub.hub.storage.StorageBenchmark [-Dexec.args="writes|recovery|all [seconds] [keys]"]
 * </pre>
 * Folders are made under {@code java.io.tmpdir} and deleted afterwards.
 */
public final class StorageBenchmark {

    /** Single-key writes after the last checkpoint: about 27 MB of journal to replay. */
    private static final int TAIL_WRITES = 200_000;

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int keys = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        System.out.printf("machine: %d cores, %s %s, JDK %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
        if (what.equals("writes") || what.equals("all")) {
            for (int writers : new int[] {1, 8, 64}) {
                writes(writers, seconds);
            }
        }
        if (what.equals("recovery") || what.equals("all")) {
            recovery(keys);
        }
    }

    private static void writes(int writers, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("roomhub-bench-writes");
        try (Storage storage = Storage.open(dir)) {
            Recorder recorder = new Recorder(3);
            AtomicBoolean measuring = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            CountDownLatch done = new CountDownLatch(writers);
            long[] counts = new long[writers];
            byte[] value = new byte[100];
            for (int w = 0; w < writers; w++) {
                int id = w;
                RoomStore room = storage.forRoom("bench/room-" + w);
                Thread t = new Thread(() -> {
                    long n = 0;
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        room.put("key-" + (n % 10_000), value).join();
                        if (measuring.get()) {
                            recorder.recordValue(System.nanoTime() - start);
                            counts[id]++;
                        }
                        n++;
                    }
                    done.countDown();
                }, "bench-writer-" + w);
                t.setDaemon(true);
                t.start();
            }
            TimeUnit.SECONDS.sleep(2); // warm-up
            StorageStats before = storage.stats();
            recorder.reset();
            measuring.set(true);
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            measuring.set(false);
            long elapsed = System.nanoTime() - start;
            StorageStats after = storage.stats();
            stop.set(true);
            done.await();
            Histogram h = recorder.getIntervalHistogram();
            long total = 0;
            for (long c : counts) {
                total += c;
            }
            long commits = after.groupCommits() - before.groupCommits();
            System.out.printf("writers=%d  acknowledged writes/s=%,.0f  latency p50=%.2f ms p99=%.2f ms max=%.2f ms"
                            + "  writes per group commit=%.1f  checkpoints=%d%n",
                    writers, total * 1e9 / elapsed, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                    h.getMaxValue() / 1e6, (after.acknowledgedWrites() - before.acknowledgedWrites()) / (double) Math.max(1, commits),
                    after.checkpoints());
        } finally {
            delete(dir);
        }
    }

    private static void recovery(int keys) throws Exception {
        Path live = Files.createTempDirectory("roomhub-bench-live");
        Path image = Files.createTempDirectory("roomhub-bench-image");
        try {
            int rooms = Math.max(1, keys / 1000);
            long loadStart = System.nanoTime();
            // No background checkpoint while the crash image is copied file by file (a real kill is atomic).
            StorageOptions options = StorageOptions.defaults().withCheckpointBytes(1L << 40);
            try (Storage storage = Storage.open(live, options)) {
                byte[] value = new byte[100];
                for (int r = 0; r < rooms; r++) {
                    Map<String, byte[]> batch = new HashMap<>();
                    for (int k = 0; k < keys / rooms; k++) {
                        batch.put("key-" + k, value);
                    }
                    storage.forRoom("bench/room-" + r).put(batch);
                }
                for (int r = 0; r < rooms; r++) {
                    storage.forRoom("bench/room-" + r).durable().join();
                }
                System.out.printf("loaded %,d keys in %d rooms in %.1f s%n", (long) rooms * (keys / rooms), rooms,
                        (System.nanoTime() - loadStart) / 1e9);
                // A journal tail like the one a crash leaves: single-key writes after the last checkpoint.
                waitApplied(storage);
                long cp = System.nanoTime();
                storage.checkpoint();
                System.out.printf("checkpoint of the loaded store: %.0f ms, slot file %,d bytes%n",
                        (System.nanoTime() - cp) / 1e6, storage.stats().storeFileBytes());
                int tail = TAIL_WRITES;
                for (int i = 0; i < tail; i++) {
                    storage.forRoom("bench/room-" + (i % rooms)).put("tail-" + i, value);
                }
                for (int r = 0; r < rooms; r++) {
                    storage.forRoom("bench/room-" + r).durable().join();
                }
                // Crash image: the folder as kill -9 would leave it (page cache intact).
                try (Stream<Path> files = Files.list(live)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (!f.getFileName().toString().equals("LOCK")) {
                            Files.copy(f, image.resolve(f.getFileName()));
                        }
                    }
                }
            }
            long open = System.nanoTime();
            try (Storage storage = Storage.open(live, options)) {
                System.out.printf("reopen after clean shutdown: %.0f ms (%s)%n", (System.nanoTime() - open) / 1e6,
                        storage.recoveryReport().kind());
            }
            open = System.nanoTime();
            try (Storage storage = Storage.open(image, options)) {
                RecoveryReport r = storage.recoveryReport();
                System.out.printf("crash recovery of %,d keys: %.0f ms (copy clean slot + replay %,d journal records)%n",
                        (long) rooms * (keys / rooms) + TAIL_WRITES, (System.nanoTime() - open) / 1e6, r.replayed());
                if (storage.forRoom("bench/room-0").get("key-0").isEmpty()) {
                    throw new IllegalStateException("recovered store lacks data");
                }
            }
        } finally {
            delete(live);
            delete(image);
        }
    }

    private static void waitApplied(Storage storage) throws InterruptedException {
        while (storage.stats().pendingBytes() > 0) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
