package org.roomhub.hub.bench;

import static org.roomhub.hub.bench.Versus.f;
import static org.roomhub.hub.bench.Versus.ratio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.roomhub.hub.testkit.TextSocket;

/**
 * {@code vs-join}: N clients join one room (1,000 a chat room, 4,000 a metrics room) of a fresh hub /
 * a fresh baseline, three times: a first ("cold") storm into one room, whose clients then leave, a second
 * ("warm") storm into another room of the same server, whose clients leave too, and a third ("settled") one
 * into a third room, once the JIT has compiled what the first two needed. The cold storm pays the JVM's start
 * (class loading, JIT compiling); the later ones are the hub time issue 12 means: a LAN hub that meets a join
 * storm has usually been running. Both servers get the same treatment. Per storm: server time until its last
 * frame arrived, server CPU split into the JIT compilers, GC and the rest (application threads: Jetty, rooms,
 * writers) and its kernel share, the load generator's own CPU (this JVM: connecting and reading every frame, on the same cores),
 * frames the clients received, heap peak (largest occupancy before a G1 collection, from {@code -Xlog:gc});
 * once the third storm settled, heap and RSS per idle connection in that one big room.
 */
final class VersusJoin {

    /**
     * One storm's readings, in seconds: until its last frame and until every socket was open; the server's CPU,
     * of which kernel, JIT and GC; the load generator's (this JVM's) CPU. {@code chars}: text received.
     */
    record Storm(boolean bounded, double seconds, double opened, double cpu, double kernel, double jit, double gc, double generator, long frames,
            long chars, long heapPeak) {
        double app() {
            return cpu - jit - gc;
        }
    }

    record Result(Storm cold, Storm warm, Storm settled, long rssPeak, double heapPerSocket, double rssPerSocket) {}

    /** The run stays bounded: a storm still going after this long is reported as such, not waited for. */
    private static final Duration BOUND = Duration.ofSeconds(90);
    /** The benchmark's own process: the load generator, whose CPU competes with the server's for the cores. */
    private static final ProcStats GENERATOR = new ProcStats(ProcessHandle.current().pid());
    private final Versus vs;

    VersusJoin(Versus vs) {
        this.vs = vs;
    }

    void run() throws Exception {
        for (String type : vs.options.joinRooms) {
            join(type, type.equals("chat") ? vs.options.subscribers : 4 * vs.options.subscribers);
        }
    }

    private void join(String type, int n) throws Exception {
        Result h = measure(true, type, n);
        Result b = measure(false, type, n);
        String what = f("%,d clients joining one %s room", n, type);
        storm(what + ", settled (third storm)", h.settled(), b.settled());
        storm(what + ", warm (second storm)", h.warm(), b.warm());
        storm(what + ", cold (first storm of a fresh JVM)", h.cold(), b.cold());
        vs.report.add("vs-join", what + ": heap peak warm / cold, hub / baseline", f("%.0f / %.0f", h.warm().heapPeak() / 1048576.0,
                b.warm().heapPeak() / 1048576.0), "MiB", f("largest G1 occupancy before a collection; cold %.0f / %.0f MiB; settled %.0f / %.0f MiB; peak RSS %.0f / %.0f MiB",
                        h.cold().heapPeak() / 1048576.0, b.cold().heapPeak() / 1048576.0, h.settled().heapPeak() / 1048576.0,
                        b.settled().heapPeak() / 1048576.0, h.rssPeak() / 1048576.0, b.rssPeak() / 1048576.0));
        vs.report.add("vs-join", f("heap per idle WebSocket in that one %s room (settled, after full GC): hub / baseline", type),
                f("%.0f / %.0f", h.heapPerSocket(), b.heapPerSocket()), "bytes",
                f("ratio %s; RSS growth per connection %.0f / %.0f bytes", ratio(h.heapPerSocket(), b.heapPerSocket()),
                        h.rssPerSocket(), b.rssPerSocket()));
    }

    private void storm(String what, Storm h, Storm b) {
        vs.report.add("vs-join", what + ": server time, hub / baseline", f("%s%.2f / %s%.2f", h.bounded() ? "> " : "",
                h.seconds(), b.bounded() ? "> " : "", b.seconds()), "s", f("ratio %s; all sockets open after %.2f / %.2f s; frames received %,d / %,d (%.1f / %.1f MB of text); load generator's CPU %.2f / %.2f s",
                        ratio(h.seconds(), b.seconds()), h.opened(), b.opened(), h.frames(), b.frames(), h.chars() / 1e6, b.chars() / 1e6,
                        h.generator(), b.generator()));
        vs.report.add("vs-join", what + ": server CPU, hub / baseline", f("%.2f / %.2f", h.cpu(), b.cpu()), "s",
                f("ratio %s; application threads %.2f / %.2f s (ratio %s); JIT %.2f / %.2f s; GC %.2f / %.2f s; kernel (all threads) %.2f / %.2f s",
                        ratio(h.cpu(), b.cpu()), h.app(), b.app(), ratio(h.app(), b.app()), h.jit(), b.jit(), h.gc(), b.gc(), h.kernel(), b.kernel()));
    }

    private Result measure(boolean hub, String type, int n) throws Exception {
        String name = "vs-join-" + type;
        Path gcLog = vs.options.data.toAbsolutePath().resolve((hub ? "hub-" : "baseline-") + name + "-gc.log");
        Files.createDirectories(gcLog.getParent());
        Files.deleteIfExists(gcLog);
        List<String> jvm = List.of("-Xlog:gc:file=" + gcLog);
        String coldPath = "/rooms/" + type + "/first";
        String warmPath = "/rooms/" + type + "/second";
        String settledPath = "/rooms/" + type + "/big";
        try (Versus.Target t = hub ? vs.hub(name, jvm) : vs.baseline(name, jvm)) {
            if (hub) {
                // The rooms exist before the storms, as a busy hub's would; their creation is not the join cost.
                for (String path : List.of(coldPath, warmPath, settledPath)) {
                    java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
                    TextSocket first = vs.connect(t, path, 1, frame -> answered.set(true)).get(0);
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilTrue(answered); // the room is open
                    first.abort();
                }
            }
            List<TextSocket> clients = new ArrayList<>();
            Storm cold = storm(t, coldPath, n, gcLog, clients);
            leave(t, clients);
            Storm warm = storm(t, warmPath, n, gcLog, clients);
            leave(t, clients);
            long heap0 = t.stats().heapUsedAfterGc();
            long rss0 = t.stats().statusBytes("VmRSS");
            Storm settled = storm(t, settledPath, n, gcLog, clients);
            long heap1 = t.stats().heapUsedAfterGc();
            t.stats().histogram(name + (hub ? "-hub" : "-baseline"));
            long rss1 = t.stats().statusBytes("VmRSS");
            clients.forEach(TextSocket::abort);
            return new Result(cold, warm, settled, t.stats().statusBytes("VmHWM"), (heap1 - heap0) / (double) n, (rss1 - rss0) / (double) n);
        }
    }

    /** The storm's clients leave; returns once the server has handled that (its CPU is quiet). */
    private static void leave(Versus.Target t, List<TextSocket> clients) {
        clients.forEach(TextSocket::abort);
        awaitQuiet(t);
        clients.clear();
    }

    /** One storm of {@code n} joins into {@code path}; its clients, still connected, are added to {@code clients}. */
    private Storm storm(Versus.Target t, String path, int n, Path gcLog, List<TextSocket> clients) throws Exception {
        int gcFrom = ProcStats.gcLogLines(gcLog);
        LongAdder frames = new LongAdder();
        LongAdder chars = new LongAdder();
        long c0 = t.stats().cpuNanos();
        long k0 = t.stats().sysNanos();
        long jit0 = jitNanos(t);
        long gc0 = gcNanos(t);
        long g0 = GENERATOR.cpuNanos();
        long t0 = System.nanoTime();
        java.time.Instant began = java.time.Instant.now(); // to find the storm in a recording
        List<TextSocket> sockets = vs.connect(t, path, n, frame -> {
            chars.add(frame.length());
            frames.increment();
        });
        long opened = System.nanoTime();
        long lastFrame = Versus.settle(frames, Duration.ofSeconds(2), BOUND);
        boolean bounded = System.nanoTime() - t0 >= BOUND.toNanos();
        // The 2 s quiet period is after the last frame; CPU spent in it (closing idle work) is counted too.
        Storm s = new Storm(bounded, (Math.max(lastFrame, opened) - t0) / 1e9, (opened - t0) / 1e9, (t.stats().cpuNanos() - c0) / 1e9,
                (t.stats().sysNanos() - k0) / 1e9, (jitNanos(t) - jit0) / 1e9,
                (gcNanos(t) - gc0) / 1e9, (GENERATOR.cpuNanos() - g0) / 1e9, frames.sum(), chars.sum(), ProcStats.heapPeakFromGcLog(gcLog, gcFrom));
        System.out.println(f("   %s: %d into %s in %.2f s (open after %.2f), CPU %.2f s (JIT %.2f, GC %.2f), generator %.2f s, %,d frames, heap peak %.0f MiB; %s–%s",
                t.label(), n, path, s.seconds(), s.opened(), s.cpu(), s.jit(), s.gc(), s.generator(), s.frames(), s.heapPeak() / 1048576.0, began, java.time.Instant.now()));
        clients.addAll(sockets);
        return s;
    }

    private static long jitNanos(Versus.Target t) {
        return t.stats().threadCpuNanos(name -> name.startsWith("C1 ") || name.startsWith("C2 "));
    }

    private static long gcNanos(Versus.Target t) {
        return t.stats().threadCpuNanos(name -> name.startsWith("GC ") || name.startsWith("G1 "));
    }

    /** Waits (at most 30 s) until the server used under 20 ms of CPU in half a second: the storm's leaves are handled. */
    private static void awaitQuiet(Versus.Target t) {
        long[] before = {t.stats().cpuNanos()};
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        long now = t.stats().cpuNanos();
                        boolean quiet = now - before[0] < 20_000_000L;
                        before[0] = now;
                        return quiet;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException busy) {
            // still busy after 30 s: measure anyway, as before
        }
    }
}
