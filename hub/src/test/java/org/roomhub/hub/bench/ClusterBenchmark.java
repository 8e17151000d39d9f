package org.roomhub.hub.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.roomhub.hub.cluster.ThreeHubs;
import org.roomhub.hub.testkit.TextSocket;

/**
 * Cluster mode's two figures (docs/cluster.md), not a test. Run with
 *
 * <pre>mvn -B -o -pl hub -am -Pcluster-bench test-compile -Dexec.args="--messages=400 --rooms=12"</pre>
 *
 * Three hub JVMs ({@code -Xmx256m}) on loopback, one client process (this one):
 * <ol>
 * <li><b>forwarded vs local</b>: a WebSocket client on member a sends chat messages one at a time and
 * waits for its own broadcast, alternately in a room hosted on a (local) and one hosted on b
 * (forwarded: a → b → a); round-trip percentiles, and the CPU of all three hub processes per message
 * ({@code /proc/<pid>/stat}), each path measured in its own phase;</li>
 * <li><b>failover</b>: rooms hosted on c with a client each on a; kill -9 of c; each client resends
 * every 50 ms until its message comes back: time from the kill to the first echo, per room.</li>
 * </ol>
 */
public final class ClusterBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A client that sends a marked message and waits for its own broadcast. */
    private static final class Echo {
        final TextSocket socket;
        final AtomicReference<String> waitingFor = new AtomicReference<>();
        volatile CompletableFuture<Long> arrived = new CompletableFuture<>();

        Echo(java.net.URI uri) {
            socket = TextSocket.connect(HTTP, uri, text -> {
                String w = waitingFor.get();
                if (w != null && text.contains(w)) {
                    arrived.complete(System.nanoTime());
                }
            });
            socket.opened().join();
        }

        /** Sends {@code text} and returns its round trip in ns. */
        long roundTrip(String text) throws Exception {
            arrived = new CompletableFuture<>();
            waitingFor.set("\"text\":\"" + text + "\"");
            long start = System.nanoTime();
            socket.send("{\"type\":\"chat-message\",\"text\":\"" + text + "\"}");
            return arrived.get(30, TimeUnit.SECONDS) - start;
        }
    }

    public static void main(String[] args) throws Exception {
        int messages = intArg(args, "--messages", 400);
        int rooms = intArg(args, "--rooms", 12);
        Path dir = Files.createTempDirectory("cluster-bench");
        try (ThreeHubs hubs = ThreeHubs.start(dir)) {
            String local = roomOn(hubs, "a", "bench-local-");
            String forwarded = roomOn(hubs, "b", "bench-fwd-");
            Echo l = new Echo(hubs.ws("a", "/rooms/chat/" + local));
            Echo f = new Echo(hubs.ws("a", "/rooms/chat/" + forwarded));
            for (int i = 0; i < 100; i++) { // warm-up
                l.roundTrip("w" + i);
                f.roundTrip("w" + i);
            }
            long[] lt = new long[messages];
            long[] ft = new long[messages];
            for (int i = 0; i < messages; i++) {
                lt[i] = l.roundTrip("l" + i);
                ft[i] = f.roundTrip("f" + i);
            }
            double lCpu = cpuPerMessage(hubs, l, messages, "lc");
            double fCpu = cpuPerMessage(hubs, f, messages, "fc");
            System.out.printf("round trip, local room:     p50 %.2f ms  p90 %.2f ms  p99 %.2f ms; hub CPU %.0f µs/message%n",
                    pct(lt, 50), pct(lt, 90), pct(lt, 99), lCpu);
            System.out.printf("round trip, forwarded room: p50 %.2f ms  p90 %.2f ms  p99 %.2f ms; hub CPU %.0f µs/message%n",
                    pct(ft, 50), pct(ft, 90), pct(ft, 99), fCpu);
            System.out.printf("forwarded / local: latency p50 x%.2f, CPU x%.2f%n", pct(ft, 50) / pct(lt, 50), fCpu / lCpu);

            List<Echo> clients = new ArrayList<>();
            for (int i = 0; clients.size() < rooms && i < 400; i++) {
                if (hubs.hostOf("a", "chat/bench-fo-" + i).equals("c")) {
                    Echo e = new Echo(hubs.ws("a", "/rooms/chat/bench-fo-" + i));
                    e.roundTrip("hello");
                    clients.add(e);
                }
            }
            long killed = System.nanoTime();
            hubs.member("c").kill9();
            long[] failover = new long[clients.size()];
            for (int i = 0; i < clients.size(); i++) {
                Echo e = clients.get(i);
                String text = "back-" + i;
                e.arrived = new CompletableFuture<>();
                e.waitingFor.set("\"text\":\"" + text + "\"");
                while (!e.arrived.isDone()) {
                    e.socket.send("{\"type\":\"chat-message\",\"text\":\"" + text + "\"}");
                    try {
                        e.arrived.get(50, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException notYet) {
                        // resend
                    }
                }
                failover[i] = e.arrived.get() - killed;
            }
            System.out.printf("failover (kill -9 of c → room writable on its new host), %d rooms: first %.0f ms, p50 %.0f ms, last %.0f ms%n",
                    clients.size(), pct(failover, 0), pct(failover, 50), pct(failover, 100));
        }
        System.exit(0);
    }

    private static double cpuPerMessage(ThreeHubs hubs, Echo echo, int messages, String prefix) throws Exception {
        long before = cpu(hubs);
        for (int i = 0; i < messages; i++) {
            echo.roundTrip(prefix + i);
        }
        return (cpu(hubs) - before) / 1_000.0 / messages;
    }

    private static long cpu(ThreeHubs hubs) {
        return hubs.members.values().stream().filter(h -> h.process.isAlive())
                .mapToLong(h -> new ProcStats(h.pid()).cpuNanos()).sum();
    }

    private static String roomOn(ThreeHubs hubs, String host, String prefix) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (hubs.hostOf("a", "chat/" + prefix + i).equals(host)) {
                return prefix + i;
            }
        }
        throw new IllegalStateException("no room placed on " + host);
    }

    /** The {@code p}-th percentile in ms (0 = smallest, 100 = largest). */
    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.min(s.length - 1, Math.round(p / 100.0 * (s.length - 1)));
        return s[i] / 1e6;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return fallback;
    }
}
