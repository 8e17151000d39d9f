package org.roomhub.hub.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.roomhub.hub.Hub;
import org.roomhub.hub.config.HubConfig;
import org.roomhub.hub.testkit.TextSocket;

/**
 * The {@code vs-chat} load (4 members, 32 messages in flight each) against a hub in this JVM, read as thread
 * CPU and allocated bytes per acknowledged message for each group of the hub's threads: figures that a loaded
 * machine disturbs much less than process CPU over wall time. Arguments: warm-up and measured seconds.
 * <pre>java -cp &lt;hub test classpath&gt; org.roomhub.hub.bench.ChatThreadProbe 8 15</pre>
 */
public final class ChatThreadProbe {

    private ChatThreadProbe() {}

    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        Path data = Files.createTempDirectory("chat-thread-probe-");
        Hub hub = Hub.create(cfg -> {
            cfg.storage.dataDir = data;
            cfg.limits.rates.put("chat", new HubConfig.LimitsConfig.Rate(10_000_000, 10_000_000));
        }).start(0);
        AtomicLong acked = new AtomicLong();
        List<TextSocket> sockets = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int k = 0; k < 4; k++) {
            Semaphore window = new Semaphore(32);
            String mine = "t|" + k + "|";
            windows.add(window);
            TextSocket s = TextSocket.connect(http, URI.create("ws://127.0.0.1:" + hub.port() + "/rooms/chat/probe"), f -> {
                if (TextSocket.isType(f, "chat-message") && String.valueOf(TextSocket.field(f, "text")).startsWith(mine)) {
                    acked.incrementAndGet();
                    window.release();
                } else if (TextSocket.isType(f, "error")) {
                    window.release();
                }
            });
            s.opened().join();
            sockets.add(s);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ChatSenders.start(sockets, windows, running, "probe-sender-");
        Thread.sleep(warmup * 1000L);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Long, long[]> before = threads(mx);
        long a0 = acked.get();
        Thread.sleep(seconds * 1000L);
        Map<Long, long[]> after = threads(mx);
        long n = acked.get() - a0;
        running.set(false);
        report(mx, before, after, n, seconds);
        hub.stop();
        System.exit(0); // the JDK client's threads and the senders are not worth a tidy shutdown here
    }

    /** Thread id → {CPU ns, allocated bytes}. */
    private static Map<Long, long[]> threads(com.sun.management.ThreadMXBean mx) {
        Map<Long, long[]> out = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            long cpu = mx.getThreadCpuTime(id);
            if (cpu >= 0) {
                out.put(id, new long[] {cpu, mx.getThreadAllocatedBytes(id)});
            }
        }
        return out;
    }

    private static void report(com.sun.management.ThreadMXBean mx, Map<Long, long[]> before, Map<Long, long[]> after, long n,
            int seconds) throws Exception {
        Map<String, long[]> groups = new TreeMap<>();
        for (var t : mx.getThreadInfo(after.keySet().stream().mapToLong(Long::longValue).toArray())) {
            if (t != null) {
                long[] b = before.getOrDefault(t.getThreadId(), new long[2]);
                long[] a = after.get(t.getThreadId());
                long[] sum = groups.computeIfAbsent(t.getThreadName().replaceAll("[0-9]+", "N"), g -> new long[2]);
                sum[0] += a[0] - b[0];
                sum[1] += a[1] - b[1];
            }
        }
        System.out.printf("messages %d in %d s (%.0f/s), load %s%n", n, seconds, n / (double) seconds,
                Files.readString(Path.of("/proc/loadavg")).trim());
        long cpu = 0;
        long bytes = 0;
        for (var e : groups.entrySet()) {
            String g = e.getKey();
            boolean client = g.startsWith("probe-") || g.startsWith("HttpClient") || g.equals("main");
            if (!client) {
                cpu += e.getValue()[0];
                bytes += e.getValue()[1];
            }
            if (e.getValue()[0] / (double) n > 50) {
                System.out.printf("  %-32s %7.2f µs/msg %7.0f B/msg%s%n", g, e.getValue()[0] / 1e3 / n,
                        e.getValue()[1] / (double) n, client ? "  (client)" : "");
            }
        }
        System.out.printf("hub threads: %.2f µs/msg, %.0f B/msg%n", cpu / 1e3 / n, bytes / (double) n);
    }
}
