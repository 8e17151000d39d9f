package org.roomhub.hub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.roomhub.hub.testkit.TextSocket;

/**
 * Issue 12's side-by-side scenarios: every figure is measured on the hub and on {@link BaselineServer}
 * (each in its own child JVM, one after the other, under the same load) and reported with their ratio.
 * Scenarios: {@code vs-fanout} ({@link VersusFanout}), {@code vs-chat} ({@link VersusChat}),
 * {@code vs-join} ({@link VersusJoin}).
 */
final class Versus {

    /** Adds one row to the benchmark's summary. */
    interface Report {
        void add(String scenario, String name, String value, String unit, String spread);
    }

    /** Starts a child hub (the benchmark's own, so it is killed with the others). */
    interface Hubs {
        ChildHub start(String name, List<String> jvm, String... args) throws IOException;
    }

    /** A server under test: the hub or the baseline. */
    record Target(String label, ProcStats stats, java.util.function.Function<String, URI> ws, AutoCloseable process)
            implements AutoCloseable {
        boolean isHub() {
            return label.equals("hub");
        }

        URI ws(String path) {
            return ws.apply(path);
        }

        @Override
        public void close() throws Exception {
            process.close();
        }
    }

    final HubBenchmark.Options options;
    final HttpClient http;
    final Report report;
    private final Hubs hubs;

    Versus(HubBenchmark.Options options, HttpClient http, Report report, Hubs hubs) {
        this.options = options;
        this.http = http;
        this.report = report;
        this.hubs = hubs;
    }

    static boolean handles(String scenario) {
        return scenario.startsWith("vs-");
    }

    void run(String scenario) throws Exception {
        switch (scenario) {
            case "vs-fanout" -> new VersusFanout(this).run();
            case "vs-chat" -> new VersusChat(this).run();
            case "vs-join" -> new VersusJoin(this).run();
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    /** A fresh hub child; {@code jvm} is added to the benchmark's {@code --hub-jvm} options. */
    Target hub(String name, List<String> jvm) throws IOException {
        ChildHub hub = hubs.start(name, jvm, "--hibernate-after", "1h");
        return new Target("hub", new ProcStats(hub.pid()), hub::ws, hub);
    }

    /** A fresh baseline child with the benchmark's {@code --hub-jvm} options ({name} = baseline-…). */
    Target baseline(String name, List<String> jvm) throws IOException {
        List<String> all = new ArrayList<>(jvm);
        for (String o : options.hubJvm) {
            all.add(o.replace("{name}", "baseline-" + name));
        }
        BaselineProcess b = BaselineProcess.start(all);
        System.out.println("   baseline pid " + b.pid() + " on 127.0.0.1:" + b.port);
        return new Target("baseline", b.stats, b::ws, b);
    }

    /** Connects {@code n} sockets in waves of 50 (each wave open before the next starts). */
    List<TextSocket> connect(Target t, String path, int n, java.util.function.Consumer<String> onFrame) throws Exception {
        List<TextSocket> out = new ArrayList<>(n);
        for (int start = 0; start < n; start += 50) {
            List<TextSocket> wave = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + 50); i++) {
                wave.add(TextSocket.connect(http, t.ws(path), onFrame));
            }
            for (TextSocket s : wave) {
                s.opened().get(60, TimeUnit.SECONDS);
            }
            out.addAll(wave);
        }
        return out;
    }

    /**
     * Waits until no frame arrived for {@code quiet} (at most {@code atMost}); returns the time of the
     * last change in nanos (System.nanoTime), so the quiet period itself is not counted.
     */
    static long settle(LongAdder frames, Duration quiet, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        long last = frames.sum();
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - lastChange < quiet.toNanos()) {
            Thread.sleep(50);
            long now = frames.sum();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            }
        }
        return lastChange;
    }

    static String ratio(double hub, double baseline) {
        return baseline > 0 ? String.format(Locale.ROOT, "%.2f", hub / baseline) : "n/a";
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String ms(double nanos) {
        return f(nanos < 10_000_000 ? "%.2f" : "%.1f", nanos / 1e6);
    }
}
