package org.roomhub.hub.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A polling client like a curl loop: opens a session, polls with {@code after=next}, posts frames. Given several
 * room URLs (cluster members) it fails over: a poll that cannot reach its member opens a new session on the
 * next one with {@code after=} the last room seq it received, so it resumes by seq.
 */
public final class PollClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    public volatile String base;
    public volatile String sessionId;
    /** How many times the client moved to another member. */
    public int failovers;
    /** The members' room URLs, asked again at each failover (a member started again listens on a new port). */
    private java.util.function.Supplier<List<String>> bases = List::of;
    /** Index in {@link #bases} of the member this session is on. */
    private int at;
    public final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    public long next;
    /** The last room seq received: a new session on another member resumes after it ({@code next} counts this session's frames). */
    private long lastSeq = -1;
    public JsonNode last;

    private PollClient(String base, JsonNode first) {
        this.base = base;
        this.sessionId = first.path("sessionId").asText();
        take(first);
    }

    /** Opens a session at {@code http://host:port/rooms/t/n} (plus an optional query). */
    public static PollClient open(String roomUrl, String query) {
        JsonNode first = get(URI.create(roomUrl + "/poll" + (query == null ? "" : "?" + query)));
        return new PollClient(roomUrl, first);
    }

    /** A session on the first of several room URLs (cluster members), failing over to the others in turn. */
    public static PollClient open(List<String> roomUrls) {
        List<String> copy = List.copyOf(roomUrls);
        return open(() -> copy);
    }

    /** Like {@link #open(List)}, with the members' room URLs as they are now (asked again at each failover). */
    public static PollClient open(java.util.function.Supplier<List<String>> roomUrls) {
        PollClient c = open(roomUrls.get().get(0), null);
        c.bases = roomUrls;
        return c;
    }

    private void take(JsonNode body) {
        last = body;
        for (JsonNode f : body.path("messages")) {
            frames.add(f);
            String type = f.path("type").asText();
            if (type.equals("reset")) {
                lastSeq = f.path("asOf").asLong();
            } else if (type.equals("connected")) {
                lastSeq = lastSeq < 0 ? f.path("seq").asLong() : lastSeq; // only the first: a resume's replays follow it
            } else if (f.has("seq")) {
                lastSeq = Math.max(lastSeq, f.path("seq").asLong());
            }
        }
        next = body.path("next").asLong();
    }

    /** One poll, waiting up to {@code waitSeconds}. */
    public JsonNode poll(int waitSeconds) {
        JsonNode body;
        try {
            body = get(URI.create(base + "/poll?session=" + sessionId + "&after=" + next + "&wait=" + waitSeconds));
        } catch (IllegalStateException unreachable) {
            if (bases.get().size() < 2) {
                throw unreachable;
            }
            body = failover(unreachable);
        }
        take(body);
        return body;
    }

    /** Opens a session on the next member that answers, resuming after the last room seq received. */
    private JsonNode failover(IllegalStateException cause) {
        List<String> now = bases.get();
        for (int i = 1; i <= now.size(); i++) {
            int index = (at + i) % now.size();
            String other = now.get(index);
            try {
                JsonNode body = get(URI.create(other + "/poll" + (lastSeq < 0 ? "" : "?after=" + lastSeq)));
                base = other;
                at = index;
                sessionId = body.path("sessionId").asText();
                failovers++;
                return body;
            } catch (IllegalStateException down) {
                // next one
            }
        }
        throw cause;
    }

    public int post(String json) {
        return send(URI.create(base + "/messages?session=" + sessionId), json).statusCode();
    }

    public static HttpResponse<String> send(URI uri, String json) {
        try {
            return SseClient.HTTP.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> getRaw(URI uri) {
        try {
            return SseClient.HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode get(URI uri) {
        HttpResponse<String> r = getRaw(uri);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("poll answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until a frame of {@code type} with {@code text} arrived (each poll waits up to 2 s). */
    public JsonNode pollUntil(String type, java.util.function.Predicate<JsonNode> test) {
        for (int i = 0; i < 20; i++) {
            for (JsonNode f : frames) {
                if (type.equals(f.path("type").asText()) && test.test(f)) {
                    return f;
                }
            }
            poll(2);
        }
        throw new AssertionError("no " + type + " after 20 polls; got " + frames);
    }

    /** Polls with a token until a frame of {@code type} arrives. */
    public JsonNode pollUntilWithToken(String token, String type) {
        for (int i = 0; i < 20; i++) {
            for (JsonNode f : frames) {
                if (type.equals(f.path("type").asText())) {
                    return f;
                }
            }
            take(get(URI.create(base + "/poll?token=" + token + "&session=" + sessionId + "&after=" + next + "&wait=2")));
        }
        throw new AssertionError("no " + type + "; got " + frames);
    }

    public List<String> types() {
        return frames.stream().map(f -> f.path("type").asText()).toList();
    }
}
