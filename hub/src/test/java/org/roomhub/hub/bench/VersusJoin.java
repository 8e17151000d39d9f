package org.roomhub.hub.bench;

import static org.roomhub.hub.bench.Versus.f;
import static org.roomhub.hub.bench.Versus.ratio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.roomhub.hub.testkit.TextSocket;

/**
 * {@code vs-join}: N clients join one room (1,000 a chat room, 4,000 a metrics room) of a fresh hub /
 * a fresh baseline. Server time until the last frame of the join storm arrived, server CPU, frames the
 * clients received, heap peak (largest occupancy before a G1 collection, from {@code -Xlog:gc}) and,
 * once settled, heap and RSS per idle connection in that one big room.
 */
final class VersusJoin {

    record Result(boolean bounded, double seconds, double cpuSeconds, long frames, long heapPeak, long rssPeak, double heapPerSocket,
                  double rssPerSocket) {}

    /** The run stays bounded: a storm still going after this long is reported as such, not waited for. */
    private static final Duration BOUND = Duration.ofSeconds(90);
    private final Versus vs;

    VersusJoin(Versus vs) {
        this.vs = vs;
    }

    void run() throws Exception {
        join("chat", vs.options.subscribers);
        join("metrics", 4 * vs.options.subscribers);
    }

    private void join(String type, int n) throws Exception {
        String path = "/rooms/" + type + "/big";
        Result h = measure(true, type, n, path);
        Result b = measure(false, type, n, path);
        String what = f("%,d clients joining one %s room", n, type);
        vs.report.add("vs-join", what + ": server time, hub / baseline", f("%s%.2f / %s%.2f", h.bounded() ? "> " : "",
                h.seconds(), b.bounded() ? "> " : "", b.seconds()), "s",
                f("ratio %s; server CPU %.2f / %.2f s; frames received %,d / %,d", ratio(h.seconds(), b.seconds()),
                        h.cpuSeconds(), b.cpuSeconds(), h.frames(), b.frames()));
        vs.report.add("vs-join", what + ": heap peak, hub / baseline", f("%.0f / %.0f", h.heapPeak() / 1048576.0,
                b.heapPeak() / 1048576.0), "MiB", f("largest G1 occupancy before a collection; peak RSS %.0f / %.0f MiB",
                        h.rssPeak() / 1048576.0, b.rssPeak() / 1048576.0));
        vs.report.add("vs-join", f("heap per idle WebSocket in that one %s room (settled, after full GC): hub / baseline", type),
                f("%.0f / %.0f", h.heapPerSocket(), b.heapPerSocket()), "bytes",
                f("ratio %s; RSS growth per connection %.0f / %.0f bytes", ratio(h.heapPerSocket(), b.heapPerSocket()),
                        h.rssPerSocket(), b.rssPerSocket()));
    }

    private Result measure(boolean hub, String type, int n, String path) throws Exception {
        String name = "vs-join-" + type;
        Path gcLog = vs.options.data.toAbsolutePath().resolve((hub ? "hub-" : "baseline-") + name + "-gc.log");
        Files.createDirectories(gcLog.getParent());
        List<String> jvm = List.of("-Xlog:gc:file=" + gcLog);
        try (Versus.Target t = hub ? vs.hub(name, jvm) : vs.baseline(name, jvm)) {
            if (hub) {
                // The room exists before the storm, as a busy hub's would; its creation is not the join cost.
                TextSocket first = vs.connect(t, path, 1, frame -> {}).get(0);
                Thread.sleep(500);
                first.abort();
            }
            long heap0 = t.stats().heapUsedAfterGc();
            long rss0 = t.stats().statusBytes("VmRSS");
            LongAdder frames = new LongAdder();
            long c0 = t.stats().cpuNanos();
            long t0 = System.nanoTime();
            List<TextSocket> sockets = vs.connect(t, path, n, frame -> frames.increment());
            long lastFrame = Versus.settle(frames, Duration.ofSeconds(2), BOUND);
            boolean bounded = System.nanoTime() - t0 >= BOUND.toNanos();
            long c1 = t.stats().cpuNanos();
            double seconds = (lastFrame - t0) / 1e9;
            long heap1 = t.stats().heapUsedAfterGc();
            t.stats().histogram(name + (hub ? "-hub" : "-baseline"));
            long rss1 = t.stats().statusBytes("VmRSS");
            Result r = new Result(bounded, seconds, (c1 - c0) / 1e9, frames.sum(), ProcStats.heapPeakFromGcLog(gcLog),
                    t.stats().statusBytes("VmHWM"), (heap1 - heap0) / (double) n, (rss1 - rss0) / (double) n);
            System.out.println(f("   %s: %d into %s in %.2f s, CPU %.2f s, %,d frames, heap peak %.0f MiB, %.0f heap bytes/socket",
                    t.label(), n, path, r.seconds(), r.cpuSeconds(), r.frames(), r.heapPeak() / 1048576.0, r.heapPerSocket()));
            sockets.forEach(TextSocket::abort);
            return r;
        }
    }
}
