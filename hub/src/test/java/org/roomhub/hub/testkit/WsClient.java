package org.roomhub.hub.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's, through {@link TextSocket}) that records every frame it receives as JSON, for assertions.
 * Given several hub URLs (cluster members) it fails over: when its connection drops abnormally it joins the
 * same room on the next member with {@code ?since=} the last seq it saw, and keeps recording into the same list.
 */
public final class WsClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An upper bound only (passing tests never wait it out): generous, for a busy CI machine. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** One client for all sockets: each HttpClient owns threads, and tests open a thousand sockets. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();
    /** How many times this client re-joined on another member after its connection dropped. */
    public final java.util.concurrent.atomic.AtomicInteger failovers = new java.util.concurrent.atomic.AtomicInteger();
    private final HttpClient http;
    /** The members' URLs, asked again at each failover (a member started again listens on a new port). */
    private final java.util.function.Supplier<List<URI>> uris;
    private final java.util.concurrent.atomic.AtomicLong lastSeq = new java.util.concurrent.atomic.AtomicLong(-1);
    private volatile boolean closing;
    private volatile int at;
    private volatile TextSocket socket;

    private WsClient(HttpClient http, List<URI> uris, long readFirst) {
        this(http, fixed(uris), readFirst);
    }

    private static java.util.function.Supplier<List<URI>> fixed(List<URI> uris) {
        List<URI> copy = List.copyOf(uris);
        return () -> copy;
    }

    private WsClient(HttpClient http, java.util.function.Supplier<List<URI>> uris, long readFirst) {
        this.http = http;
        this.uris = uris;
        this.socket = open(uris.get().get(0), readFirst);
        socket.opened().join(); // a refused handshake throws here, as tests expect
    }

    private TextSocket open(URI uri, long readFirst) {
        TextSocket s = TextSocket.stalled(http, uri, readFirst, this::record);
        s.closed.whenComplete((code, e) -> {
            boolean abnormal = code == null || code == -1 || code == 1006 || code == 1001 || code == 1012;
            if (uris.get().size() > 1 && abnormal && !closing) {
                Thread t = new Thread(this::failover, "ws-client-failover");
                t.setDaemon(true);
                t.start();
            } else {
                closed.complete(code);
            }
        });
        return s;
    }

    private void record(String text) {
        JsonNode f;
        try {
            f = JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
        String type = f.path("type").asText();
        if (type.equals("reset")) {
            lastSeq.set(f.path("asOf").asLong());
        } else if (type.equals("connected")) {
            lastSeq.compareAndSet(-1, f.path("seq").asLong()); // only the first: a resume's replays follow it
        } else if (f.has("seq")) {
            lastSeq.accumulateAndGet(f.path("seq").asLong(), Math::max);
        }
        frames.add(f);
    }

    /** Joins the room on the next member, resuming after the last seq seen; tries the members in turn for up to a minute. */
    private void failover() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!closing && System.nanoTime() < deadline) {
            List<URI> now = uris.get();
            at = (at + 1) % now.size();
            URI base = now.get(at);
            long since = lastSeq.get();
            URI uri = since < 0 ? base : URI.create(base + (base.getQuery() == null ? "?" : "&") + "since=" + since);
            try {
                TextSocket s = open(uri, -1);
                s.opened().get(10, java.util.concurrent.TimeUnit.SECONDS);
                socket = s;
                failovers.incrementAndGet();
                return;
            } catch (Exception e) {
                // that member is down too: next one
            }
        }
        closed.complete(-1);
    }

    public static WsClient connect(URI uri) {
        return new WsClient(HTTP, List.of(uri), -1);
    }

    /** A client of the same room on several members (the first is joined first), failing over in turn. */
    public static WsClient connect(List<URI> uris) {
        return new WsClient(HTTP, uris, -1);
    }

    /**
     * A client of the same room on several members whose URLs {@code uris} gives as they are now (asked again at
     * each failover: a member started again listens on a new port), failing over in turn.
     */
    public static WsClient connect(java.util.function.Supplier<List<URI>> uris) {
        return new WsClient(HTTP, uris, -1);
    }

    /** The hub URL this client is connected to now (after failovers, another member's). */
    public URI current() {
        return uris.get().get(at);
    }

    /** The last room seq this client saw (what it resumes after), -1 before {@code connected}. */
    public long lastSeq() {
        return lastSeq.get();
    }

    /** A client over {@code http}, e.g. one that trusts a hub's TLS certificate. */
    public static WsClient connect(HttpClient http, URI uri) {
        return new WsClient(http, List.of(uri), -1);
    }

    /** A client that reads {@code readFirst} frames and then stops reading, like a stalled consumer. */
    public static WsClient stalled(URI uri, long readFirst) {
        return new WsClient(HTTP, List.of(uri), readFirst);
    }

    /** A stalled client starts reading again. */
    public void unstall() {
        socket.unstall();
    }

    public void send(String json) {
        socket.send(json);
    }

    /** Waits for the first frame of {@code type} matching {@code test} and returns it. */
    public JsonNode await(String type, Predicate<JsonNode> test) {
        JsonNode[] found = new JsonNode[1];
        org.awaitility.Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
            for (JsonNode f : frames) {
                if (type.equals(f.path("type").asText()) && test.test(f)) {
                    found[0] = f;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public JsonNode await(String type) {
        return await(type, f -> true);
    }

    /** Whether a frame of {@code type} matching {@code test} has arrived. */
    public boolean has(String type, Predicate<JsonNode> test) {
        return frames.stream().anyMatch(f -> type.equals(f.path("type").asText()) && test.test(f));
    }

    public List<JsonNode> ofType(String type) {
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    public List<String> types() {
        return frames.stream().map(f -> f.path("type").asText()).toList();
    }

    public String sessionId() {
        return await("connected").path("sessionId").asText();
    }

    public void abort() {
        closing = true;
        socket.abort();
    }

    @Override
    public void close() {
        closing = true;
        socket.close();
    }
}
