package org.roomhub.hub.bench;

import static org.roomhub.hub.bench.Versus.f;
import static org.roomhub.hub.bench.Versus.ms;
import static org.roomhub.hub.bench.Versus.ratio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.roomhub.hub.testkit.TextSocket;

/**
 * {@code vs-chat}: 4 members of one chat room each keep 32 chat messages in flight; a message counts
 * when its sender receives it back (on the hub: stored durably first). Server CPU per acknowledged
 * message, hub against baseline.
 */
final class VersusChat {

    record Result(double perSecond, double cpuPerMessageNanos, double cores, long p50, long p99) {}

    private final Versus vs;

    VersusChat(Versus vs) {
        this.vs = vs;
    }

    void run() throws Exception {
        Result h;
        try (Versus.Target t = vs.hub("vs-chat", List.of())) {
            h = measure(t);
        }
        Result b;
        try (Versus.Target t = vs.baseline("vs-chat", List.of())) {
            b = measure(t);
        }
        String load = f("%d senders × %d in flight, %d members", vs.options.senders, vs.options.window, vs.options.senders);
        vs.report.add("vs-chat", "server CPU per acknowledged chat message (" + load + "): hub / baseline",
                f("%.1f / %.1f", h.cpuPerMessageNanos() / 1000, b.cpuPerMessageNanos() / 1000), "µs",
                f("ratio %s; the hub stores every message durably, the baseline stores nothing; cores %.2f / %.2f",
                        ratio(h.cpuPerMessageNanos(), b.cpuPerMessageNanos()), h.cores(), b.cores()));
        vs.report.add("vs-chat", "acknowledged chat messages/s: hub / baseline", f("%.0f / %.0f", h.perSecond(), b.perSecond()),
                "msg/s", f("send→own echo p50 %s / %s ms, p99 %s / %s ms", ms(h.p50()), ms(b.p50()), ms(h.p99()), ms(b.p99())));
    }

    private Result measure(Versus.Target t) throws Exception {
        int senders = vs.options.senders;
        Recorder latency = new Recorder(3_600_000_000_000L, 3);
        AtomicLong acked = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<TextSocket> sockets = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        for (int k = 0; k < senders; k++) {
            Semaphore window = new Semaphore(vs.options.window);
            String mine = "t|" + k + "|";
            windows.add(window);
            sockets.addAll(vs.connect(t, "/rooms/chat/throughput", 1, frame -> {
                if (TextSocket.isType(frame, "chat-message")) {
                    String text = TextSocket.field(frame, "text");
                    if (text != null && text.startsWith(mine)) {
                        long sentAt = Long.parseLong(text.substring(mine.length(), text.indexOf('|', mine.length())));
                        latency.recordValue(Math.max(0, System.nanoTime() - sentAt));
                        acked.incrementAndGet();
                        window.release();
                    }
                } else if (TextSocket.isType(frame, "error")) {
                    window.release();
                }
            }));
        }
        List<Thread> threads = ChatSenders.start(sockets, windows, running, "bench-vs-sender-");
        Thread.sleep(TimeUnit.SECONDS.toMillis(vs.options.warmupSeconds));
        latency.reset();
        long a0 = acked.get();
        long c0 = t.stats().cpuNanos();
        long w0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(vs.options.durationSeconds));
        long a1 = acked.get();
        long c1 = t.stats().cpuNanos();
        long w1 = System.nanoTime();
        Histogram lat = latency.getIntervalHistogram();
        running.set(false);
        for (Thread th : threads) {
            th.join(5000);
        }
        sockets.forEach(TextSocket::abort);
        long n = Math.max(1, a1 - a0);
        Result r = new Result(n / ((w1 - w0) / 1e9), (c1 - c0) / (double) n, (c1 - c0) / (double) (w1 - w0),
                lat.getValueAtPercentile(50), lat.getValueAtPercentile(99));
        System.out.println(f("   %s: %.0f msg/s, %.1f µs CPU/msg, %.2f cores", t.label(), r.perSecond(),
                r.cpuPerMessageNanos() / 1000, r.cores()));
        return r;
    }
}
