package org.roomhub.hub.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Parent side of the crash harness: runs {@link CrashChild} in child JVMs on one store folder, kills each
 * (SIGKILL at a random moment, or a planned {@link FailPoints} halt), and checks what the next child
 * recovered against every acknowledgement the previous ones printed.
 */
final class CrashHarness {

    /** Figures of a run. */
    static final class Summary {
        int runs;
        int randomKills;
        int plannedCrashes;
        /** Planned crashes that halted at their point (the others were killed after 4 s). */
        final java.util.TreeMap<String, Integer> plannedHits = new java.util.TreeMap<>();
        int killedDuringRecovery;
        int corruptStarts;
        int lostAcknowledged;
        int partialTransactions;
        long acknowledgedTransactions;
        long acknowledgedLogPuts;
        long tornTails;
        final List<String> problems = new ArrayList<>();

        boolean clean() {
            return corruptStarts == 0 && lostAcknowledged == 0 && partialTransactions == 0 && problems.isEmpty();
        }

        @Override
        public String toString() {
            return "runs=" + runs + " randomKills=" + randomKills + " plannedCrashes=" + plannedCrashes
                    + " plannedHits=" + plannedHits + " killedDuringRecovery=" + killedDuringRecovery + " corruptStarts=" + corruptStarts
                    + " lostAcknowledged=" + lostAcknowledged + " partialTransactions=" + partialTransactions
                    + " acknowledgedTransactions=" + acknowledgedTransactions + " acknowledgedLogPuts="
                    + acknowledgedLogPuts + " tornTailsTruncated=" + tornTails
                    + (problems.isEmpty() ? "" : " problems=" + problems.subList(0, Math.min(5, problems.size())));
        }
    }

    private static final int ROOMS = 4;
    /** Points a writing child reaches (closing and torn-tail truncation are covered by RecoveryTest). */
    private static final List<FailPoints.Point> PLANNED = java.util.Arrays.stream(FailPoints.Point.values())
            .filter(p -> p != FailPoints.Point.CLOSE_SLOT_CLOSED && p != FailPoints.Point.RECOVERY_TRUNCATED)
            .filter(p -> System.getProperty("storage.crash.points", "").isEmpty()
                    || java.util.Arrays.asList(System.getProperty("storage.crash.points").split(",")).contains(p.name()))
            .toList();
    private final Path dir;
    private final Path stderr;
    private final Random random;
    private final int plannedOffset;
    private final long[] acked = new long[ROOMS];
    /** (room, log slot) → highest acknowledged n. */
    private final Map<String, Long> ackedLogs = new HashMap<>();
    final Summary summary = new Summary();

    CrashHarness(Path dir, Path stderr, long seed) {
        this.dir = dir;
        this.stderr = stderr;
        this.random = new Random(seed);
        // Builds start the turn of planned points at different places, so short runs cover all over time.
        this.plannedOffset = random.nextInt(PLANNED.size());
    }

    /** Highest acknowledged transaction of room {@code r}. */
    long acknowledged(int r) {
        return acked[r];
    }

    /** Runs {@code runs} child JVMs, each ended by a crash. */
    void run(int runs) throws Exception {
        for (int i = 0; i < runs; i++) {
            runOnce();
        }
    }

    private void runOnce() throws Exception {
        summary.runs++;
        String failpoint = "none";
        int nth = 0;
        boolean killBeforeReady = false;
        // Three runs in ten crash at a planned point (taken in turn, so few runs still cover many points),
        // one in ten is killed at a random moment of its start (often during recovery), the rest while writing.
        int mode = summary.runs % 10;
        if (mode == 0 || mode == 3 || mode == 6) {
            failpoint = PLANNED.get((plannedOffset + summary.plannedCrashes) % PLANNED.size()).name();
            nth = 1 + random.nextInt(failpoint.startsWith("RECOVERY") ? 1 : 8);
            summary.plannedCrashes++;
        } else {
            killBeforeReady = mode == 9;
            summary.randomKills++;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                dir.toString(), Integer.toString(ROOMS), failpoint, Integer.toString(nth));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        Process child = pb.start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> read(child, lines, ready), "crash-reader");
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        if (failpoint.equals("none")) {
            // The kill moment is random; waitFor only returns early if the child died by itself.
            if (killBeforeReady) {
                child.waitFor(random.nextInt(700), TimeUnit.MILLISECONDS);
                if (!ready.isDone()) {
                    summary.killedDuringRecovery++;
                }
            } else {
                ready.get(60, TimeUnit.SECONDS);
                child.waitFor(random.nextInt(1500), TimeUnit.MILLISECONDS);
            }
            child.destroyForcibly();
        } else {
            // A planned crash halts the child itself; a point it never reaches in time gets a kill instead.
            if (!child.waitFor(4, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        if (!child.waitFor(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("child did not die");
        }
        reader.join();
        if (child.exitValue() == FailPoints.HALT_STATUS) {
            summary.plannedHits.merge(failpoint, 1, Integer::sum);
        }
        evaluate(lines, failpoint + ":" + nth);
    }

    private static void read(Process child, List<String> lines, CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
                if (line.equals("READY")) {
                    ready.complete(null);
                }
            }
        } catch (IOException e) {
            // the child died mid-line; what was read is what was acknowledged
        } finally {
            ready.complete(null);
        }
    }

    /** Checks the recovered state printed at start against earlier acks, then records this run's acks. */
    private void evaluate(List<String> lines, String how) {
        Map<String, Long> logState = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "CORRUPT" -> {
                    summary.corruptStarts++;
                    summary.problems.add("run " + summary.runs + " (" + how + "): " + line);
                }
                case "RECOVERED" -> {
                    if (Long.parseLong(f[3]) > 0) {
                        summary.tornTails++;
                    }
                }
                case "LOGSTATE" -> logState.put(f[1], Long.parseLong(f[2]));
                case "STATE" -> {
                    int r = Integer.parseInt(f[1]);
                    if (f[2].equals("BAD")) {
                        summary.partialTransactions++;
                        summary.problems.add("run " + summary.runs + ": " + line);
                    } else if (Long.parseLong(f[2]) < acked[r]) {
                        summary.lostAcknowledged++;
                        summary.problems.add("run " + summary.runs + ": room " + r + " recovered " + f[2]
                                + " but " + acked[r] + " was acknowledged");
                    }
                }
                case "READY" -> checkLogs(logState);
                case "ACK" -> {
                    int r = Integer.parseInt(f[1]);
                    acked[r] = Math.max(acked[r], Long.parseLong(f[2]));
                    summary.acknowledgedTransactions++;
                }
                case "LOG" -> {
                    int r = Integer.parseInt(f[1]);
                    long n = Long.parseLong(f[2]);
                    ackedLogs.merge(CrashChild.logKey(r, n), n, Math::max);
                    summary.acknowledgedLogPuts++;
                }
                default -> summary.problems.add("unexpected line: " + line);
            }
        }
    }

    private void checkLogs(Map<String, Long> logState) {
        for (Map.Entry<String, Long> e : ackedLogs.entrySet()) {
            Long found = logState.get(e.getKey());
            if (found == null || found < e.getValue()) {
                summary.lostAcknowledged++;
                summary.problems.add("run " + summary.runs + ": log key " + e.getKey() + " holds " + found
                        + " but " + e.getValue() + " was acknowledged");
            }
        }
    }
}
