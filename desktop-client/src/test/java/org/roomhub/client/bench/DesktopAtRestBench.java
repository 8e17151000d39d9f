package org.roomhub.client.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.roomhub.client.AppUnderBench;

/**
 * Issue 12's "app at rest" figure, a benchmark and not a test: the real desktop app (its own embedded
 * hub, this machine's metrics published once a second) on Monocle's headless platform with the
 * metrics tab showing, nobody touching it. Reads this process's CPU from {@code /proc/self/stat}
 * over the window (app + embedded hub + publisher together) and per thread. Run with
 * {@code mvn -B -o -pl desktop-client -am -Pdesktop-bench test-compile -Dbench.main=org.roomhub.client.bench.DesktopAtRestBench}.
 */
public final class DesktopAtRestBench {

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        BenchFx.headless();
        Path data = Files.createTempDirectory("roomhub-at-rest");
        AppUnderBench app = AppUnderBench.start(data);
        try {
            Thread.sleep(15_000); // warm-up: connections, history backfill, JIT
            Map<String, Long> t0 = ProcCpu.byThread();
            long c0 = ProcCpu.processNanos();
            long w0 = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            long w1 = System.nanoTime();
            long c1 = ProcCpu.processNanos();
            Map<String, Long> t1 = ProcCpu.byThread();
            double wall = w1 - w0;
            System.out.printf(Locale.ROOT, "DesktopAtRestBench: metrics tab at rest for %d s, %d charts, load %s%n", seconds,
                    app.charts(), Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf(Locale.ROOT, "  process CPU %.1f%% of a core (app, embedded hub and publisher together)%n",
                    100.0 * (c1 - c0) / wall);
            System.out.println("  top threads: " + ProcCpu.topThreads(t0, t1, wall, 8));
        } finally {
            app.close();
        }
        System.exit(0);
    }
}
