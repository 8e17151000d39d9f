package org.roomhub.hub.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real SSE client over the JDK HttpClient: records every event (id, type, data) it reads. Given several
 * hub URLs (cluster members) it fails over: when the stream ends without {@link #close()}, it opens the same
 * room's stream on the next member with {@code Last-Event-ID} = the last id read, into the same event list.
 */
public final class SseClient implements AutoCloseable {

    /** One event as received. */
    public record Event(String id, String type, JsonNode data) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An upper bound only (passing tests never wait it out): generous, for a busy CI machine. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    public static final HttpClient HTTP = HttpClient.newHttpClient();

    public final List<Event> events = new CopyOnWriteArrayList<>();
    public final List<String> comments = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Boolean> ended = new CompletableFuture<>();
    public final int status;
    /** How many times the stream was re-opened on another member. */
    public final java.util.concurrent.atomic.AtomicInteger failovers = new java.util.concurrent.atomic.AtomicInteger();
    /** The members' URLs, asked again at each failover (a member started again listens on a new port). */
    private final java.util.function.Supplier<List<URI>> uris;
    private volatile Stream<String> lines;
    private volatile boolean closing;
    private int at;

    private SseClient(java.util.function.Supplier<List<URI>> uris, HttpResponse<Stream<String>> response) {
        this.uris = uris;
        this.status = response.statusCode();
        this.lines = response.body();
        Thread reader = new Thread(this::readAll, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient open(URI uri, String lastEventId) {
        return open(List.of(uri), lastEventId);
    }

    /** A stream of the same room on several members (the first is opened first), failing over in turn. */
    public static SseClient open(List<URI> uris, String lastEventId) {
        List<URI> copy = List.copyOf(uris);
        return open(() -> copy, lastEventId);
    }

    /** Like {@link #open(List, String)}, with the members' URLs as they are now (asked again at each failover). */
    public static SseClient open(java.util.function.Supplier<List<URI>> uris, String lastEventId) {
        try {
            return new SseClient(uris, request(uris.get().get(0), lastEventId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<Stream<String>> request(URI uri, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofLines());
    }

    private void readAll() {
        read();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (uris.get().size() > 1 && !closing && System.nanoTime() < deadline) {
            List<URI> now = uris.get();
            at = (at + 1) % now.size();
            try {
                HttpResponse<Stream<String>> r = request(now.get(at), events.isEmpty() ? null : lastId());
                if (r.statusCode() != 200) {
                    continue;
                }
                lines = r.body();
                failovers.incrementAndGet();
                read();
                deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            } catch (Exception e) {
                // that member is down too: next one
            }
        }
        ended.complete(true);
    }

    private void read() {
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (type != null) {
                        events.add(new Event(id, type, JSON.readTree(data.toString())));
                    }
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (Exception e) {
            // stream closed by us or the hub
        }
    }

    public Event await(String type, Predicate<JsonNode> test) {
        Event[] found = new Event[1];
        org.awaitility.Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).until(() -> {
            for (Event e : events) {
                if (type.equals(e.type()) && test.test(e.data())) {
                    found[0] = e;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public Event await(String type) {
        return await(type, f -> true);
    }

    public String sessionId() {
        return await("connected").data().path("sessionId").asText();
    }

    /** The session id of the latest {@code connected} (a new one after each failover). */
    public String currentSessionId() {
        String id = null;
        for (Event e : events) {
            if (e.type().equals("connected")) {
                id = e.data().path("sessionId").asText();
            }
        }
        return id;
    }

    public List<String> types() {
        return events.stream().map(Event::type).toList();
    }

    public String lastId() {
        return events.get(events.size() - 1).id();
    }

    @Override
    public void close() {
        closing = true;
        lines.close();
    }

    /** Reads the raw stream once without parsing, for a client that stops reading. */
    public static InputStream raw(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream()).body();
    }
}
