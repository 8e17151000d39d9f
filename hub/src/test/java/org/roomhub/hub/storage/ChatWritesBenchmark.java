package org.roomhub.hub.storage;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): storage CPU per durable chat message, the store alone. Each message is the
 * one write a chat event makes ({@code r:msg/<seq>} put, the 100th older one deleted, {@code h:seq},
 * {@code h:log:<seq>} put, the 1000th older one deleted, the room's figures), 128 in flight as in
 * {@code vs-chat}. With a third argument {@code lean}, the write a chat event makes since {@code chatcpu2}: no
 * {@code h:seq} (the seq is the newest log key) and the figures only with every 10,000th message (once a
 * second at that rate). Other third arguments model storage layouts (see {@code main}): {@code rings} is the
 * write a chat event makes since {@code chatroom} (the message and the frame each put into a fixed slot). Reports
 * process CPU ÷ messages, which is steadier than the end-to-end figure on a loaded machine (no sockets, no starved
 * peer). Run:
 * <pre>
 * mvn -B -o -pl hub -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.roomhub.hub.storage.ChatWritesBenchmark [-Dexec.args="warmup measured [lean|rings|…]"]
 * </pre>
 */
public final class ChatWritesBenchmark {

    private ChatWritesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        String mode = args.length > 2 ? args[2] : "full";
        boolean lean = !mode.equals("full");
        // Layout variants: "lean" (msg/<seq> and h:log:<seq>, each trimmed), "logonly" (only the log: history read
        // from it), "msgring" (messages in 100 slots overwritten in place, log as lean), "rings" (both in slots).
        boolean msg = !mode.equals("logonly");
        boolean msgRing = mode.equals("msgring") || mode.startsWith("rings");
        boolean logRing = mode.startsWith("rings") || mode.equals("logring");
        boolean seqKey = mode.equals("ringsseq") || mode.equals("logring"); // the seq under h:seq, as the log's slots do not order it
        Path dir = Files.createTempDirectory("chat-writes");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Storage storage = Storage.open(dir)) {
            RoomStore room = storage.forRoom("chat/throughput");
            byte[] entry = ("{\"id\":\"" + "x".repeat(36) + "\",\"from\":\"user-1\",\"sessionId\":\"s1\",\"text\":\"t|1|123456789\",\"ts\":1}")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] frame = ("{\"type\":\"chat-message\",\"id\":\"" + "x".repeat(36) + "\",\"from\":\"user-1\",\"sessionId\":\"s1\","
                    + "\"text\":\"t|1|123456789\",\"ts\":1,\"seq\":1}").getBytes(StandardCharsets.UTF_8);
            byte[] counters = new byte[120];
            Arrays.fill(counters, (byte) '1');
            ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
            long cpu0 = 0;
            java.util.Map<String, Long> threads0 = java.util.Map.of();
            long wall0 = 0;
            for (long seq = 1; seq <= warmup + measured; seq++) {
                if (seq == warmup + 1) {
                    for (CompletableFuture<Void> f : inFlight) {
                        f.join();
                    }
                    inFlight.clear();
                    cpu0 = os.getProcessCpuTime();
                    threads0 = threadCpu();
                    wall0 = System.nanoTime();
                }
                WriteSet w = new WriteSet();
                if (msgRing) {
                    w.put("r:msg/" + (seq % 100), entry);
                } else if (msg) {
                    w.put("r:msg/" + pad(seq), entry);
                    if (seq > 100) {
                        w.delete("r:msg/" + pad(seq - 100));
                    }
                }
                if (!lean || seqKey) {
                    w.put("h:seq", Long.toString(seq).getBytes(StandardCharsets.UTF_8));
                }
                if (logRing) {
                    w.put("h:ring:" + (seq % 1000), frame);
                } else {
                    w.put("h:log:" + pad(seq), frame);
                }
                if (!logRing && seq > 1000) {
                    w.delete("h:log:" + pad(seq - 1000));
                }
                if (!lean || seq % 10_000 == 0) {
                    w.put("h:counters", counters);
                }
                inFlight.add(room.commit(w));
                if (inFlight.size() >= 128) {
                    inFlight.poll().join();
                }
            }
            for (CompletableFuture<Void> f : inFlight) {
                f.join();
            }
            while (storage.stats().pendingBytes() > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // the applier's work belongs in the figure
            }
            double cpuMicros = (os.getProcessCpuTime() - cpu0) / 1e3 / measured;
            double seconds = (System.nanoTime() - wall0) / 1e9;
            System.out.printf(mode + " chat writes: %.1f µs process CPU per message, %.0f msg/s, %d measured after %d warm-up%n",
                    cpuMicros, measured / seconds, measured, warmup);
            // Per thread (a steadier reading of one part than the process figure on a loaded machine).
            StringBuilder parts = new StringBuilder("  thread CPU µs per message:");
            for (var e : threadCpu().entrySet()) {
                double us = (e.getValue() - threads0.getOrDefault(e.getKey(), 0L)) / 1e3 / measured;
                if (us >= 0.05) {
                    parts.append(String.format(" %s %.1f", e.getKey(), us));
                }
            }
            System.out.println(parts);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** CPU time per live thread, by name (digits dropped, so a pool's threads add up). */
    private static java.util.Map<String, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            var info = mx.getThreadInfo(id);
            long t = mx.getThreadCpuTime(id);
            if (info != null && t > 0) {
                out.merge(info.getThreadName().replaceAll("\\d+$", ""), t, Long::sum);
            }
        }
        return out;
    }

    private static String pad(long n) {
        String digits = Long.toString(n);
        return "0".repeat(19 - digits.length()) + digits;
    }
}
