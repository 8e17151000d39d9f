package org.roomhub.hub.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * The crash-state explorer: runs a write workload (many rooms, concurrent writers, checkpoints every few KiB,
 * 4 KiB journal segments, alarms set and cleared) on a {@link SimulatedDisk}, and at every N-th file
 * operation and at random ones cuts the power: the disk's state then (durable part plus volatile changes) is
 * materialized several ways (each volatile change kept, lost or torn by a seeded random generator) into a
 * fresh folder, which must open, hold every write acknowledged before the cut, show no partial
 * transaction, and keep working (write one more transaction per room, in one state of four also checkpoint,
 * close, reopen, check again). Crash states are checked on all cores while the workload goes on. Some images are opened on a
 * simulated disk themselves and cut again during recovery. Epochs close the store cleanly and reopen it,
 * so creation, clean shutdown and its reopening are explored too.
 */
final class PowerLossExplorer {

    /** What a run found. */
    static final class Summary {
        long seed;
        int crashPoints;
        int crashStates;
        int recoveryCrashStates;
        long fileOperations;
        Map<String, Integer> operationKinds = Map.of();
        long checkpoints;
        long acknowledgedTransactions;
        long volatileChanges;
        int corruptStarts;
        int lostAcknowledged;
        int partialTransactions;
        int stoppedWorking;
        final List<String> failures = new ArrayList<>();

        int failureCount() {
            return corruptStarts + lostAcknowledged + partialTransactions + stoppedWorking;
        }

        @Override
        public String toString() {
            return "seed=" + seed + " crashPoints=" + crashPoints + " crashStates=" + crashStates
                    + " (of them cut again during recovery: " + recoveryCrashStates + ") fileOperations=" + fileOperations
                    + " " + operationKinds + " checkpoints=" + checkpoints
                    + " acknowledgedTransactions=" + acknowledgedTransactions + " volatileChangesAtCuts=" + volatileChanges
                    + " corruptStarts=" + corruptStarts + " lostAcknowledged=" + lostAcknowledged
                    + " partialTransactions=" + partialTransactions + " stoppedWorking=" + stoppedWorking
                    + (failures.isEmpty() ? "" : " failures=" + failures.subList(0, Math.min(5, failures.size())));
        }
    }

    static final int ROOMS = 12;
    static final int WRITERS = 4;
    static final int KEYS = 4;
    private static final int IN_FLIGHT = 4;

    private final Path root;
    private final long seed;
    private final int every;
    private final int randomOneIn;
    private final int resolutions;
    private final int maxStates;
    private final Random random;
    private final AtomicLongArray acked = new AtomicLongArray(ROOMS);
    private final AtomicLongArray issued = new AtomicLongArray(ROOMS);
    /** Crash states are checked on all cores while the workload goes on; the permits bound the images held. */
    private final int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private final java.util.concurrent.ExecutorService checkers = java.util.concurrent.Executors.newFixedThreadPool(threads);
    private final java.util.concurrent.Semaphore queued = new java.util.concurrent.Semaphore(threads * 2);
    private final java.util.concurrent.atomic.AtomicInteger planned = new java.util.concurrent.atomic.AtomicInteger();
    final Summary summary = new Summary();

    /**
     * @param every       cut the power before every {@code every}-th file operation (from a seeded phase)
     * @param randomOneIn and before one in {@code randomOneIn} others
     * @param resolutions post-crash disks materialized per cut
     * @param maxStates   stop after this many crash states
     */
    PowerLossExplorer(Path root, long seed, int every, int randomOneIn, int resolutions, int maxStates) {
        this.root = root;
        this.seed = seed;
        this.every = every;
        this.randomOneIn = randomOneIn;
        this.resolutions = resolutions;
        this.maxStates = maxStates;
        this.random = new Random(seed);
        summary.seed = seed;
    }

    static StorageOptions options() {
        return StorageOptions.defaults().withSegmentBytes(4096).withCheckpointBytes(4096 * 3);
    }

    /** Options of the checks of crash states: like the workload's, but checkpoints only when asked. */
    static StorageOptions checkOptions() {
        return options().withCheckpointBytes(1 << 20);
    }

    static String room(int r) {
        return "power/room-" + r;
    }

    /** Value of key k of transaction n of room r: sizes from 100 B to 1.4 KiB, so writes span sectors. */
    static byte[] value(int r, long n, int k) {
        int size = 100 + (int) ((r * 31 + n * 17 + k * 7) % 1300);
        byte[] v = new byte[size];
        long x = r * 1_000_003L + n * 7919L + k * 104_729L;
        for (int i = 0; i < size; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            v[i] = (byte) (x >>> 56);
        }
        return v;
    }

    static Optional<Long> expectedAlarm(long n) {
        return n % 5 == 0 ? Optional.empty() : Optional.of(n);
    }

    /** One transaction n of room r: counter, KEYS values, d/n replacing d/(n-1), alarm set or cleared. */
    static CompletableFuture<Void> transaction(RoomStore store, int r, long n) {
        return store.transaction(t -> {
            Map<String, byte[]> entries = new TreeMap<>();
            entries.put("counter", Long.toString(n).getBytes(StandardCharsets.UTF_8));
            for (int k = 0; k < KEYS; k++) {
                entries.put("k" + k, value(r, n, k));
            }
            entries.put("d/" + n, new byte[] {1});
            t.put(entries);
            t.delete("d/" + (n - 1));
            if (expectedAlarm(n).isPresent()) {
                t.setAlarm(n);
            } else {
                t.deleteAlarm();
            }
        });
    }

    /** The room's counter if the room is whole (all of one transaction), else a description starting "BAD". */
    static String check(RoomStore store, int r) {
        long n = store.get("counter").map(b -> Long.parseLong(new String(b, StandardCharsets.UTF_8))).orElse(0L);
        for (int k = 0; k < KEYS; k++) {
            Optional<byte[]> v = store.get("k" + k);
            if (n == 0 ? v.isPresent() : v.isEmpty() || !Arrays.equals(v.get(), value(r, n, k))) {
                return "BAD room " + r + " counter " + n + " but k" + k + " is " + v.map(b -> "from another write").orElse("missing");
            }
        }
        Set<String> ds = store.list(ListOptions.withPrefix("d/")).keySet();
        if (n == 0 ? !ds.isEmpty() : !ds.equals(Set.of("d/" + n))) {
            return "BAD room " + r + " counter " + n + " but d/ keys are " + ds;
        }
        Optional<Long> alarm = store.getAlarm();
        if (!alarm.equals(n == 0 ? Optional.empty() : expectedAlarm(n))) {
            return "BAD room " + r + " counter " + n + " but alarm is " + alarm;
        }
        return Long.toString(n);
    }

    /** Runs {@code epochs} open–write–close rounds on the simulated disk, exploring crash states throughout. */
    Summary run(int epochs) throws Exception {
        Path live = root.resolve("live");
        SimulatedDisk disk = new SimulatedDisk(live);
        int phase = random.nextInt(every);
        disk.beforeEachOperation(op -> {
            if (planned.get() < maxStates && (op % every == phase || random.nextInt(randomOneIn) == 0)) {
                cut(disk, op);
            }
        });
        for (int e = 0; e < epochs && planned.get() < maxStates; e++) {
            long goal = maxStates * (e + 1L) / epochs;
            try (Storage storage = Storage.open(live, options(), disk)) {
                long[] before = acknowledgedNow();
                for (int r = 0; r < ROOMS; r++) {
                    String state = check(storage.forRoom(room(r)), r);
                    if (state.startsWith("BAD") || Long.parseLong(state) < before[r]) {
                        throw new AssertionError("the live store is wrong after a clean reopen: room " + r + " " + state);
                    }
                }
                writeUntil(storage, () -> planned.get() >= goal);
                summary.checkpoints += storage.stats().checkpoints();
            }
        }
        checkers.shutdown();
        if (!checkers.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES)) {
            throw new AssertionError("crash states were still being checked after 10 minutes");
        }
        summary.fileOperations = disk.operations();
        summary.operationKinds = disk.operationKinds();
        for (int r = 0; r < ROOMS; r++) {
            summary.acknowledgedTransactions += acked.get(r);
        }
        return summary;
    }

    private long[] acknowledgedNow() {
        long[] a = new long[ROOMS];
        for (int r = 0; r < ROOMS; r++) {
            a[r] = acked.get(r);
        }
        return a;
    }

    private void writeUntil(Storage storage, java.util.function.BooleanSupplier done) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                try {
                    write(storage, writer, stop);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "power-writer-" + w);
            t.start();
            writers.add(t);
        }
        while (!done.getAsBoolean() && errors.isEmpty()) {
            Thread.onSpinWait();
            writers.get(0).join(5);
        }
        stop.set(true);
        for (Thread t : writers) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("workload failed on the simulated disk", errors.get(0));
        }
    }

    private void write(Storage storage, int writer, AtomicBoolean stop) {
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        while (!stop.get()) {
            for (int r = writer; r < ROOMS; r += WRITERS) {
                int room = r;
                long n = issued.incrementAndGet(r);
                inFlight.add(transaction(storage.forRoom(room(r)), r, n)
                        .thenRun(() -> acked.accumulateAndGet(room, n, Math::max)));
            }
            if (inFlight.size() >= IN_FLIGHT * (ROOMS / WRITERS)) {
                CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0])).join();
                inFlight.clear();
            }
        }
        CompletableFuture.allOf(inFlight.toArray(new CompletableFuture<?>[0])).join();
    }

    /** A power cut before file operation {@code op}: several post-crash disks are checked (in the background). */
    private void cut(SimulatedDisk disk, long op) {
        SimulatedDisk.Image image;
        try {
            image = disk.snapshot();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[] ackedAtCut = acknowledgedNow();
        boolean cutAgain;
        synchronized (summary) {
            summary.crashPoints++;
            summary.volatileChanges += image.volatileChanges();
            cutAgain = summary.crashPoints % 3 == 0;
        }
        for (int k = 0; k < resolutions && planned.get() < maxStates; k++) {
            int id = planned.incrementAndGet();
            long stateSeed = seed * 1_000_003L + op * 131L + k;
            boolean again = cutAgain && k == 0;
            queued.acquireUninterruptibly();
            checkers.execute(() -> {
                try {
                    checkState(image, ackedAtCut, id, stateSeed, again, "seed " + seed + " op " + op + " state seed " + stateSeed);
                } catch (Throwable t) {
                    synchronized (summary) {
                        summary.stoppedWorking++;
                        fail("seed " + seed + " op " + op + " state seed " + stateSeed, "the explorer itself failed: " + t);
                    }
                } finally {
                    queued.release();
                }
            });
        }
    }

    private void checkState(SimulatedDisk.Image image, long[] ackedAtCut, int id, long stateSeed, boolean cutAgain,
                            String where) throws IOException {
        Path target = root.resolve("state-" + id);
        image.materialize(stateSeed, target);
        Path checked = target;
        if (cutAgain) {
            checked = crashDuringRecovery(target, stateSeed, root.resolve("state-" + id + "-again"));
        }
        checkCrashState(checked, ackedAtCut, id % 4 == 0, where);
        synchronized (summary) {
            summary.crashStates++;
            if (cutAgain) {
                summary.recoveryCrashStates++;
            }
        }
        deleteTree(target);
        deleteTree(checked);
    }

    /** Opens {@code image} on a simulated disk and cuts the power again at one of its first operations. */
    private Path crashDuringRecovery(Path image, long stateSeed, Path target) throws IOException {
        SimulatedDisk disk = new SimulatedDisk(image);
        long at = 1 + new java.util.SplittableRandom(stateSeed).nextInt(12);
        SimulatedDisk.Image[] second = new SimulatedDisk.Image[1];
        disk.beforeEachOperation(op -> {
            if (op == at) {
                try {
                    second[0] = disk.snapshot();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                disk.cutPower();
            }
        });
        try (Storage s = Storage.open(image, options(), disk)) {
            // Recovery finished before the cut (or the cut hit the running store): both fine.
            s.forRoom(room(0)).durable();
        } catch (IOException | RuntimeException e) {
            // the cut interrupted recovery, as intended
        }
        disk.cutPower();
        if (second[0] == null) {
            second[0] = disk.snapshot();
        }
        second[0].materialize(stateSeed + 1, target);
        return target;
    }

    private void checkCrashState(Path image, long[] ackedAtCut, boolean checkpoint, String where) {
        long[] counters = new long[ROOMS];
        try (Storage storage = Storage.open(image, checkOptions())) {
            for (int r = 0; r < ROOMS; r++) {
                String state = check(storage.forRoom(room(r)), r);
                if (state.startsWith("BAD")) {
                    fail(where, state);
                    synchronized (summary) {
                        summary.partialTransactions++;
                    }
                    return;
                }
                counters[r] = Long.parseLong(state);
                if (counters[r] < ackedAtCut[r]) {
                    fail(where, "room " + r + " holds transaction " + counters[r] + " but " + ackedAtCut[r] + " was acknowledged");
                    synchronized (summary) {
                        summary.lostAcknowledged++;
                    }
                    return;
                }
            }
            // It keeps working: one more transaction per room, durable, then a clean close.
            List<CompletableFuture<Void>> more = new ArrayList<>();
            for (int r = 0; r < ROOMS; r++) {
                more.add(transaction(storage.forRoom(room(r)), r, counters[r] + 1));
            }
            CompletableFuture.allOf(more.toArray(new CompletableFuture<?>[0])).join();
            if (checkpoint) {
                storage.checkpoint();
            }
        } catch (Exception e) {
            fail(where, "does not open or work: " + e);
            synchronized (summary) {
                summary.corruptStarts++;
            }
            return;
        }
        try (Storage storage = Storage.open(image, checkOptions())) {
            for (int r = 0; r < ROOMS; r++) {
                String state = check(storage.forRoom(room(r)), r);
                if (!state.equals(Long.toString(counters[r] + 1))) {
                    fail(where, "after writing more and reopening, room " + r + " is " + state);
                    synchronized (summary) {
                        summary.stoppedWorking++;
                    }
                    return;
                }
            }
        } catch (Exception e) {
            fail(where, "reopening after writing more failed: " + e);
            synchronized (summary) {
                summary.stoppedWorking++;
            }
        }
    }

    private void fail(String where, String what) {
        synchronized (summary) {
            summary.failures.add(where + ": " + what);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
