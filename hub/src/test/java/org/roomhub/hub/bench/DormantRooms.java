package org.roomhub.hub.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomhub.hub.storage.ListOptions;
import org.roomhub.hub.storage.Storage;
import org.roomhub.hub.testkit.TextSocket;

/**
 * {@code dormant}: a hub holding many hibernated rooms (issue 12: 100,000 held, ≤ 1 KB of heap each).
 * Making that many through WebSockets takes longer than a benchmark may (a few hundred a second here), so
 * one chat room is made through the hub (a join, a message, a leave), the hub stopped, and the room's
 * stored keys copied under N other names with the hub's own {@link Storage} — the state a hub finds after
 * a restart. The hub is started on that data twice: with the template room alone (baseline) and with the
 * N copies; heap after full GC, difference ÷ N. Then: every room listed by {@code GET /api/rooms}, and a
 * sample of rooms woken by a join whose history holds the copied message.
 */
final class DormantRooms {

    private static final Pattern HIBERNATING = Pattern.compile("^roomhub_rooms\\{state=\"hibernating\"\\}\\s+(\\S+)", Pattern.MULTILINE);
    private static final String TEXT = "left before the hub slept";

    private final HubBenchmark.Options options;
    private final HttpClient http;
    private final Versus.Report report;
    private final Versus.Hubs hubs;

    DormantRooms(HubBenchmark.Options options, HttpClient http, Versus.Report report, Versus.Hubs hubs) {
        this.options = options;
        this.http = http;
        this.report = report;
        this.hubs = hubs;
    }

    void run() throws Exception {
        int n = options.dormantRooms;
        List<String> jvm = List.of("-Xmx" + Math.max(512, n / 100 * 2) + "m");
        Path data;
        try (ChildHub hub = hubs.start("dormant", jvm, "--hibernate-after", "1h")) {
            data = hub.data;
            CompletableFuture<Void> echoed = new CompletableFuture<>();
            TextSocket s = TextSocket.connect(http, hub.ws("/rooms/chat/template"), frame -> {
                if (TextSocket.isType(frame, "chat-message")) {
                    echoed.complete(null); // sent once durable
                }
            });
            s.opened().get(30, TimeUnit.SECONDS);
            s.send("{\"type\":\"chat-message\",\"text\":\"" + TEXT + "\"}");
            echoed.get(30, TimeUnit.SECONDS);
            s.close();
            s.closed.get(30, TimeUnit.SECONDS);
        }
        long baseline;
        try (ChildHub hub = hubs.start("dormant", jvm, "--hibernate-after", "1h")) {
            slowGet(hub, "/api/rooms");
            baseline = hub.heapUsedAfterGc();
        }
        long copyStart = System.nanoTime();
        copy(data, n);
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;
        try (ChildHub hub = hubs.start("dormant", jvm, "--hibernate-after", "1h")) {
            // The hub knows its stored rooms before it listens.
            long start = System.nanoTime();
            String list = slowGet(hub, "/api/rooms");
            double listSeconds = (System.nanoTime() - start) / 1e9;
            long held = hub.heapUsedAfterGc();
            new ProcStats(hub.pid()).histogram("dormant-rooms");
            int listed = count(list, "\"type\":\"chat\"");
            start = System.nanoTime();
            Matcher m = HIBERNATING.matcher(slowGet(hub, "/metrics"));
            double scrapeSeconds = (System.nanoTime() - start) / 1e9;
            String hibernating = m.find() ? m.group(1) : "?";
            int woken = wakeSome(hub, n, 50);
            double perRoom = (held - baseline) / (double) n;
            report.add("dormant", String.format(Locale.ROOT, "heap per hibernated chat room, %,d held (1 stored message each)", n),
                    String.format(Locale.ROOT, "%.0f", perRoom), "bytes",
                    String.format(Locale.ROOT, "used heap after full GC %.1f MiB (template room alone) → %.1f MiB; %s", baseline / 1048576.0,
                            held / 1048576.0, String.join(" ", jvm)));
            report.add("dormant", "rooms listed by GET /api/rooms / woken by a join (history holds the stored message)",
                    listed + " / " + woken, "rooms", String.format(Locale.ROOT,
                            "of %,d + 1 and a sample of 50; copied in %.1f s; GET /api/rooms took %.1f s, a /metrics scrape %.1f s (roomhub_rooms{state=hibernating} %s)",
                            n, copySeconds, listSeconds, scrapeSeconds, hibernating));
        }
    }

    /** Copies the template room's keys under {@code n} new names, through the hub's storage (the hub is stopped). */
    private static void copy(Path data, int n) throws Exception {
        try (Storage storage = Storage.open(data)) {
            SortedMap<String, byte[]> keys = storage.forRoom("chat/template").list(ListOptions.all());
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pending.add(storage.forRoom("chat/d-" + i).put(Map.copyOf(keys)));
                if (pending.size() == 1000) {
                    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
                    pending.clear();
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            storage.checkpoint();
        }
    }

    /** A GET that may take minutes (a listing or scrape of every room). */
    private String slowGet(ChildHub hub, String path) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + hub.port + path))
                .timeout(java.time.Duration.ofMinutes(10)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Joins {@code sample} rooms spread over all of them; counts those whose history holds the stored message. */
    private int wakeSome(ChildHub hub, int n, int sample) throws Exception {
        int ok = 0;
        for (int i = 0; i < sample; i++) {
            CompletableFuture<Boolean> history = new CompletableFuture<>();
            TextSocket s = TextSocket.connect(http, hub.ws("/rooms/chat/d-" + (long) i * n / sample), frame -> {
                if (TextSocket.isType(frame, "history")) {
                    history.complete(frame.contains(TEXT));
                }
            });
            if (history.get(30, TimeUnit.SECONDS)) {
                ok++;
            }
            s.close();
            s.closed.get(30, TimeUnit.SECONDS);
        }
        return ok;
    }

    private static int count(String text, String needle) {
        int c = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            c++;
        }
        return c;
    }
}
