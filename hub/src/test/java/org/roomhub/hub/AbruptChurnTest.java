package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RawSocket;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.SseClient;
import org.roomhub.hub.testkit.WsClient;

/**
 * Issue 9, item 1: thousands of connections that end every way a network can end them — clean
 * closes, TCP resets, FINs without a close frame, sockets destroyed right after the {@code 101} or
 * before any answer, half-written requests — over four rooms, while other clients stay. Afterwards
 * each room counts exactly the clients still held, within a second of the last close.
 */
class AbruptChurnTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ROOMS = List.of("metrics/churn", "map/churn", "chat/churn-a", "chat/churn-b");
    private static final int CYCLES = 2_000;
    private static final int AT_ONCE = 50;
    /** Polling sessions have no close: an abandoned one is gone after this timeout (set short here). */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(300);

    /** How one cycle's connection ends. */
    enum Ending {
        WS_CLOSE_FRAME, WS_RESET, WS_FIN_WITHOUT_CLOSE, WS_RESET_RIGHT_AFTER_101, WS_RESET_BEFORE_ANSWER,
        WS_HALF_WRITTEN_REQUEST, JDK_CLOSE, JDK_ABORT, SSE_RESET, SSE_FIN, POLL_ABANDONED
    }

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().notStarted().with(cfg -> {
        cfg.transport.pollingSessionTimeout = POLL_TIMEOUT;
        // The default heartbeat (20 s): closes and resets must be noticed without waiting for it.
        cfg.transport.heartbeatWindow = Duration.ofMinutes(5); // held raw sockets never answer pings
        // Rooms hibernate and wake all through the churn, so joins race with both.
        cfg.rooms.hibernateAfter = Duration.ofMillis(100);
    });
    int port;
    final List<AutoCloseable> held = new ArrayList<>();
    final Map<String, Integer> heldPerRoom = new HashMap<>();
    final Map<Ending, AtomicInteger> done = new java.util.concurrent.ConcurrentHashMap<>();

    /** What the hub logs (slf4j-simple writes to the current System.err), echoed as it comes. */
    final java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    java.io.PrintStream originalErr;

    @BeforeEach
    void start() {
        originalErr = System.err;
        System.setErr(new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public synchronized void write(int b) {
                originalErr.write(b);
                log.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                originalErr.write(b, off, len);
                log.write(b, off, len);
            }
        }, true));
        hub.start(); // after the log capture, so it sees the hub's first line too
        port = hub.port();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : held) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already gone
            }
        }
        hub.stop();
        System.setErr(originalErr);
    }

    @Test
    void every_room_counts_exactly_the_clients_still_held_within_a_second_of_the_last_abrupt_close() throws Exception {
        for (String room : ROOMS) {
            holdClients(room);
        }
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            for (int batch = 0; batch < CYCLES / AT_ONCE; batch++) {
                List<Future<?>> cycles = new ArrayList<>();
                for (int k = 0; k < AT_ONCE; k++) {
                    int i = batch * AT_ONCE + k;
                    Ending ending = Ending.values()[(i / ROOMS.size()) % Ending.values().length];
                    String room = ROOMS.get(i % ROOMS.size());
                    cycles.add(pool.submit(() -> {
                        cycle(room, ending);
                        done.computeIfAbsent(ending, e -> new AtomicInteger()).incrementAndGet();
                        return null;
                    }));
                }
                for (Future<?> f : cycles) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(done.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(CYCLES);

        // Within a second of the last close (plus the polling timeout, the only way a poller can leave).
        await().atMost(Duration.ofSeconds(1).plus(POLL_TIMEOUT)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(connectionsPerRoom()).isEqualTo(heldPerRoom));
        int heldTotal = heldPerRoom.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(hub.hub().edgeCounts().places()).isEqualTo(heldTotal);
        assertThat(hub.get("/metrics").body()).contains("roomhub_connections " + heldTotal + ".0");

        // The held clients are alive and counted; once they go too, every room is empty.
        for (AutoCloseable c : held) {
            c.close();
        }
        held.clear();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(connectionsPerRoom()).containsOnlyKeys(ROOMS).allSatisfy((room, n) -> assertThat(n).isZero()));
        await().atMost(Duration.ofSeconds(2)).until(() -> hub.hub().edgeCounts().equals(new Hub.EdgeCounts(0, 0, 0)));

        // Item 7: ordinary disconnects, however abrupt, log no exception.
        String logged = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(logged).doesNotContain("NullPointerException").doesNotContain("Uncaught exception");
    }

    private Map<String, Integer> connectionsPerRoom() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode r : JSON.readTree(hub.get("/api/rooms").body()).path("rooms")) {
            counts.put(r.path("type").asText() + "/" + r.path("name").asText(), r.path("connections").asInt());
        }
        return counts;
    }

    /** Per room: two raw sockets, two JDK WebSockets and one raw SSE stream that stay to the end. */
    private void holdClients(String room) throws Exception {
        for (int i = 0; i < 2; i++) {
            RawSocket raw = RawSocket.connect(port);
            raw.write(RawSocket.upgradeRequest("/rooms/" + room));
            assertThat(raw.readHead()).contains("101");
            raw.readTextContaining("\"connected\"");
            held.add(raw.drainInBackground());
            WsClient jdk = hub.join("/rooms/" + room);
            jdk.await("connected");
            held.add(jdk);
        }
        RawSocket sse = RawSocket.connect(port);
        sse.write(RawSocket.getRequest("/rooms/" + room + "/events"));
        assertThat(sse.readHead()).contains("200");
        sse.readUntil("event: connected");
        held.add(sse.drainInBackground());
        heldPerRoom.put(room, 5);
    }

    private void cycle(String room, Ending ending) throws Exception {
        String path = "/rooms/" + room;
        switch (ending) {
            case WS_CLOSE_FRAME -> {
                RawSocket s = joined(path);
                s.closeCleanly(1000);
            }
            case WS_RESET -> joined(path).reset();
            case WS_FIN_WITHOUT_CLOSE -> joined(path).fin();
            case WS_RESET_RIGHT_AFTER_101 -> {
                RawSocket s = RawSocket.connect(port);
                s.write(RawSocket.upgradeRequest(path));
                assertThat(s.readHead()).contains("101");
                s.reset();
            }
            case WS_RESET_BEFORE_ANSWER -> {
                RawSocket s = RawSocket.connect(port);
                s.write(RawSocket.upgradeRequest(path));
                s.reset();
            }
            case WS_HALF_WRITTEN_REQUEST -> {
                RawSocket s = RawSocket.connect(port);
                String request = RawSocket.upgradeRequest(path);
                s.write(request.substring(0, request.length() / 2));
                s.fin();
            }
            case JDK_CLOSE, JDK_ABORT -> jdkCycle(URI.create("ws://127.0.0.1:" + port + path), ending == Ending.JDK_ABORT);
            case SSE_RESET, SSE_FIN -> {
                RawSocket s = RawSocket.connect(port);
                s.write(RawSocket.getRequest(path + "/events"));
                assertThat(s.readHead()).contains("200");
                s.readUntil("event: connected");
                if (ending == Ending.SSE_RESET) {
                    s.reset();
                } else {
                    s.fin();
                }
            }
            case POLL_ABANDONED -> {
                HttpResponse<String> r = SseClient.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "/poll")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).contains("\"type\":\"connected\"");
            }
        }
    }

    private RawSocket joined(String path) throws IOException {
        RawSocket s = RawSocket.connect(port);
        s.write(RawSocket.upgradeRequest(path));
        assertThat(s.readHead()).contains("101");
        s.readTextContaining("\"connected\"");
        return s;
    }

    private static void jdkCycle(URI uri, boolean abort) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket ws = SseClient.HTTP.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket s, CharSequence text, boolean last) {
                connected.complete(null);
                s.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket s, int code, String reason) {
                closed.complete(null);
                return null;
            }

            @Override
            public void onError(WebSocket s, Throwable error) {
                closed.complete(null);
            }
        }).join();
        connected.orTimeout(10, TimeUnit.SECONDS).join();
        if (abort) {
            ws.abort();
        } else {
            ws.sendClose(1000, "bye").join();
            closed.orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
