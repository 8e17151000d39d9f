package org.roomhub.hub.bench;

import static org.roomhub.hub.bench.Versus.f;
import static org.roomhub.hub.bench.Versus.ms;
import static org.roomhub.hub.bench.Versus.ratio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.roomhub.hub.testkit.TextSocket;

/**
 * {@code vs-fanout}: N subscribers and one publisher on one chat room of the hub / on the baseline; the
 * publisher sends at 50 and then 200 messages/s (same sockets, drained in between; {@code --fanout-rates}).
 * Per rate: server CPU per delivered frame and publish→receive latency.
 */
final class VersusFanout {

    record Result(double cpuPerFrameNanos, double cores, double framesPerSecond, long p50, long p99, long max,
                  long undelivered, double sysShare, double framesPerWrite,
                  double appCpuPerFrameNanos) {}

    private final Versus vs;

    VersusFanout(Versus vs) {
        this.vs = vs;
    }

    /**
     * Measures the targets in the order given ({@code --fanout-targets}); each hub is set against the
     * baseline measured nearest to it in that order, so several write settings share one baseline run.
     */
    void run() throws Exception {
        List<String> targets = vs.options.fanoutTargets;
        List<List<Result>> results = new ArrayList<>();
        for (String target : targets) {
            boolean baseline = target.equals("baseline");
            List<String> jvm = baseline || target.equals("hub") ? List.of() : List.of(target.split("~"));
            try (Versus.Target t = baseline ? vs.baseline("vs-fanout", List.of()) : vs.hub("vs-fanout", jvm)) {
                results.add(measure(t));
            }
        }
        int[] rates = vs.options.fanoutRates;
        int n = vs.options.subscribers;
        for (int k = 0; k < targets.size(); k++) {
            if (targets.get(k).equals("baseline")) {
                continue;
            }
            int nearest = nearestBaseline(targets, k);
            if (nearest < 0) {
                throw new IllegalArgumentException("--fanout-targets names no baseline");
            }
            String setting = targets.get(k).equals("hub") ? "" : " [" + targets.get(k).replace('~', ' ') + "]";
            for (int i = 0; i < rates.length; i++) {
                report(f("%d subscribers × %d msg/s", n, rates[i]) + setting, results.get(k).get(i), results.get(nearest).get(i));
            }
        }
    }

    private static int nearestBaseline(List<String> targets, int k) {
        for (int d = 1; d < targets.size(); d++) {
            for (int at : new int[] {k - d, k + d}) {
                if (at >= 0 && at < targets.size() && targets.get(at).equals("baseline")) {
                    return at;
                }
            }
        }
        return -1;
    }

    private void report(String load, Result h, Result b) {
        vs.report.add("vs-fanout", "server CPU per delivered frame, " + load + ": hub / baseline",
                f("%.2f / %.2f", h.cpuPerFrameNanos() / 1000, b.cpuPerFrameNanos() / 1000), "µs/frame",
                f("ratio %s; application threads only %.2f / %.2f µs (ratio %s); cores %.2f / %.2f; kernel share %.0f / %.0f %%; frames per write syscall %.2f / %.2f; frames/s %.0f / %.0f; left undelivered 10 s after stop %d / %d",
                        ratio(h.cpuPerFrameNanos(), b.cpuPerFrameNanos()), h.appCpuPerFrameNanos() / 1000,
                        b.appCpuPerFrameNanos() / 1000, ratio(h.appCpuPerFrameNanos(), b.appCpuPerFrameNanos()), h.cores(), b.cores(), 100 * h.sysShare(),
                        100 * b.sysShare(), h.framesPerWrite(), b.framesPerWrite(), h.framesPerSecond(), b.framesPerSecond(), h.undelivered(), b.undelivered()));
        vs.report.add("vs-fanout", "publish→receive latency p50, " + load + ": hub / baseline",
                ms(h.p50()) + " / " + ms(b.p50()), "ms", "ratio " + ratio(h.p50(), b.p50()));
        vs.report.add("vs-fanout", "publish→receive latency p99, " + load + ": hub / baseline",
                ms(h.p99()) + " / " + ms(b.p99()), "ms", f("ratio %s; max %s / %s", ratio(h.p99(), b.p99()),
                        ms(h.max()), ms(b.max())));
    }

    private List<Result> measure(Versus.Target t) throws Exception {
        int n = vs.options.subscribers;
        String path = "/rooms/chat/fanout";
        Recorder latency = new Recorder(3_600_000_000_000L, 3);
        LongAdder delivered = new LongAdder();
        LongAdder anyFrame = new LongAdder();
        List<TextSocket> subs = vs.connect(t, path, n, frame -> {
            anyFrame.increment();
            if (TextSocket.isType(frame, "chat-message")) {
                String text = TextSocket.field(frame, "text");
                if (text != null && text.startsWith("f|")) {
                    latency.recordValue(Math.max(0, System.nanoTime() - Long.parseLong(text.substring(2))));
                    delivered.increment();
                }
            }
        });
        TextSocket publisher = vs.connect(t, path, 1, frame -> {}).get(0);
        Versus.settle(anyFrame, Duration.ofSeconds(2), Duration.ofSeconds(90));
        List<Result> out = new ArrayList<>();
        for (int rate : vs.options.fanoutRates) {
            out.add(atRate(t, publisher, rate, n, latency, delivered));
        }
        subs.forEach(TextSocket::abort);
        publisher.abort();
        return out;
    }

    private Result atRate(Versus.Target t, TextSocket publisher, int rate, int n, Recorder latency, LongAdder delivered)
            throws Exception {
        AtomicLong sent = new AtomicLong();
        long before = delivered.sum();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        pace.scheduleAtFixedRate(() -> {
            try {
                publisher.send("{\"type\":\"chat-message\",\"text\":\"f|" + System.nanoTime() + "\"}");
                sent.incrementAndGet();
            } catch (RuntimeException e) {
                System.out.println("   publisher failed (rate " + rate + "): " + e + " / " + e.getCause());
                throw e;
            }
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        Thread.sleep(TimeUnit.SECONDS.toMillis(vs.options.warmupSeconds));
        latency.reset();
        long d0 = delivered.sum();
        long c0 = t.stats().cpuNanos();
        long k0 = t.stats().sysNanos();
        long s0 = t.stats().writeSyscalls();
        long a0 = t.stats().appThreadCpuNanos();
        long w0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(vs.options.durationSeconds));
        long d1 = delivered.sum();
        long c1 = t.stats().cpuNanos();
        long k1 = t.stats().sysNanos();
        long s1 = t.stats().writeSyscalls();
        long a1 = t.stats().appThreadCpuNanos();
        long w1 = System.nanoTime();
        Histogram lat = latency.getIntervalHistogram();
        long sentInWindow = sent.get();
        pace.shutdownNow();
        pace.awaitTermination(5, TimeUnit.SECONDS);
        long expected = before + sent.get() * n;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.sum() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double frames = d1 - d0;
        if (frames == 0) {
            throw new IllegalStateException(t.label() + " delivered nothing at " + rate + " msg/s (" + sentInWindow + " sent)");
        }
        Result r = new Result((c1 - c0) / frames, (c1 - c0) / (double) (w1 - w0), frames / ((w1 - w0) / 1e9),
                lat.getValueAtPercentile(50), lat.getValueAtPercentile(99), lat.getMaxValue(),
                Math.max(0, expected - delivered.sum()), (k1 - k0) / (double) Math.max(1, c1 - c0),
                s0 < 0 || s1 <= s0 ? Double.NaN : frames / (s1 - s0), (a1 - a0) / frames);
        System.out.println(f("   %s at %d msg/s: %.2f µs/frame (application threads %.2f; %.0f %% kernel, %.2f frames per write syscall), %.2f cores, %.0f frames/s, p50 %s p99 %s ms, %d undelivered",
                t.label(), rate, r.cpuPerFrameNanos() / 1000, r.appCpuPerFrameNanos() / 1000, 100 * r.sysShare(), r.framesPerWrite(), r.cores(), r.framesPerSecond(), ms(r.p50()),
                ms(r.p99()), r.undelivered()));
        return r;
    }
}
