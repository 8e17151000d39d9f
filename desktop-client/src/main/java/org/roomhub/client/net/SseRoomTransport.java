package org.roomhub.client.net;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A room over Server-Sent Events ({@code GET …/events}): frames arrive as events, sends go
 * through {@link SessionPoster} with the session id of the {@code connected} event. After a drop
 * it reconnects with {@code Last-Event-ID} set to the id of the last event read, so the hub
 * replays exactly what was missed. Each stream is read on an {@code io} thread, never the caller's.
 */
final class SseRoomTransport extends HttpSessionTransport {

    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(10);


    private Stream<String> lines;
    private String lastEventId;

    SseRoomTransport(HubClient hub, RoomAddress room, String displayName, Handler handler) {
        super(hub, room, displayName, handler);
    }

    @Override
    protected void attempt(int gen) {
        URI target = endpoint.roomEvents(room, displayName);
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(HEADERS_TIMEOUT)
                .header("Accept", "text/event-stream").GET();
        synchronized (this) {
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).whenComplete((response, error) -> {
            if (error != null) {
                failed(gen, rootMessage(error));
                return;
            }
            if (response.statusCode() != 200) {
                response.body().close();
                failed(gen, "HTTP " + response.statusCode());
                return;
            }
            synchronized (this) {
                if (!isCurrent(gen)) {
                    response.body().close();
                    return;
                }
                lines = response.body();
            }
            try {
                io.execute(() -> read(gen, response.body(), target));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                response.body().close();
            }
        });
    }

    @Override
    protected void release(boolean forGood) {
        Stream<String> stream;
        synchronized (this) {
            stream = lines;
            lines = null;
            sessionId = null;
        }
        if (stream != null) {
            stream.close(); // unblocks the reader, which then finds its attempt no longer current
        }
    }

    private void read(int gen, Stream<String> stream, URI target) {
        SseEventReader reader = new SseEventReader();
        String why = "stream ended";
        try {
            Iterator<String> it = stream.iterator();
            while (it.hasNext() && isCurrent(gen)) {
                SseEventReader.Event event = reader.line(it.next());
                if (event != null) {
                    take(gen, event, target);
                }
            }
        } catch (RuntimeException e) {
            why = rootMessage(e);
        }
        failed(gen, why);
    }

    private void take(int gen, SseEventReader.Event event, URI target) {
        synchronized (this) {
            if (!isCurrent(gen)) {
                return;
            }
            if (event.id() != null && !event.id().isBlank()) {
                lastEventId = event.id();
            }
        }
        if ("connected".equals(event.type())) {
            String id = sessionIdOf(event.data());
            synchronized (this) {
                sessionId = id;
            }
            connected(gen, target.getHost() + ":" + target.getPort() + " over SSE");
        }
        deliver(gen, event.data());
    }

    private String sessionIdOf(String data) {
        try {
            return json.readTree(data).path("sessionId").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
