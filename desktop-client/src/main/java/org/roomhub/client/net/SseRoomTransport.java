package org.roomhub.client.net;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A room over Server-Sent Events ({@code GET …/events}): frames arrive as events, sends go
 * through {@link SessionPoster} with the session id of the {@code connected} event. After a drop
 * it reconnects with {@code Last-Event-ID} set to the id of the last event read, so the hub
 * replays exactly what was missed. Each stream is read on an {@code io} thread, never the caller's.
 * A watchdog notices a silently dead network: the hub writes an event or a heartbeat comment at
 * least every heartbeat interval, so a stream silent for twice that is dropped and resumed.
 */
final class SseRoomTransport extends HttpSessionTransport {

    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(10);

    private final ScheduledExecutorService timer;
    private final Duration heartbeat;
    private Stream<String> lines;
    private String lastEventId;
    private ScheduledFuture<?> watchdog;
    private volatile long lastHeard;

    SseRoomTransport(NetResources net, RoomAddress room, Supplier<String> displayName, LinkListener<ServerFrame> listener) {
        super(net, room, displayName, listener);
        this.timer = net.timer();
        this.heartbeat = net.heartbeat().get();
    }

    @Override
    protected void attempt(int gen) {
        HubEndpoint hub = endpoint();
        URI target = hub.roomEvents(room, displayName.get());
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(HEADERS_TIMEOUT)
                .header("Accept", "text/event-stream").GET();
        synchronized (this) {
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).whenComplete((response, error) -> {
            if (error != null) {
                failed(gen, words(error));
                return;
            }
            if (response.statusCode() != 200) {
                String body;
                try (Stream<String> errorBody = response.body()) {
                    body = String.join("\n", errorBody.limit(20).toList());
                } catch (RuntimeException e) {
                    body = "";
                }
                notOk(gen, response.statusCode(), body);
                return;
            }
            synchronized (this) {
                if (!isCurrent(gen)) {
                    response.body().close();
                    return;
                }
                lines = response.body();
                lastHeard = System.nanoTime();
                watchdog = watch(gen);
            }
            try {
                io.execute(() -> read(gen, response.body(), target, hub));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                response.body().close();
            }
        });
    }

    @Override
    protected void release(boolean forGood) {
        Stream<String> stream;
        String session;
        HubEndpoint hub;
        ScheduledFuture<?> dog;
        synchronized (this) {
            stream = lines;
            lines = null;
            session = sessionId;
            hub = sessionHub;
            sessionId = null;
            sessionHub = null;
            dog = watchdog;
            watchdog = null;
        }
        if (dog != null) {
            dog.cancel(false);
        }
        if (stream != null) {
            stream.close(); // unblocks the reader, which then finds its attempt no longer current
        }
        if (forGood && session != null) {
            leave(hub, session); // else the hub keeps the session until a heartbeat write fails
        }
    }

    /** Checks every heartbeat interval that attempt {@code gen}'s stream said something within two. */
    private ScheduledFuture<?> watch(int gen) {
        long every = heartbeat.toMillis();
        try {
            return timer.scheduleWithFixedDelay(() -> {
                long silentMillis = (System.nanoTime() - lastHeard) / 1_000_000;
                if (silentMillis > 2 * every) {
                    failed(gen, "no word from the hub for " + silentMillis / 1000 + " s (network silent)");
                }
            }, every, every, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            return null;
        }
    }

    private void read(int gen, Stream<String> stream, URI target, HubEndpoint hub) {
        SseEventReader reader = new SseEventReader();
        String why = "the hub ended the stream (it may be restarting)";
        try {
            Iterator<String> it = stream.iterator();
            while (it.hasNext() && isCurrent(gen)) {
                String line = it.next();
                lastHeard = System.nanoTime(); // events and heartbeat comments alike prove the link alive
                SseEventReader.Event event = reader.line(line);
                if (event != null) {
                    take(gen, event, target, hub);
                }
            }
        } catch (RuntimeException e) {
            why = words(e);
        }
        failed(gen, why);
    }

    private void take(int gen, SseEventReader.Event event, URI target, HubEndpoint hub) {
        synchronized (this) {
            if (!isCurrent(gen)) {
                return;
            }
            if (event.id() != null && !event.id().isBlank()) {
                lastEventId = event.id();
            }
        }
        ServerFrame frame = frameOf(codec.decodeServer(event.data()));
        if (frame instanceof ServerFrame.Connected c) {
            synchronized (this) {
                sessionId = c.sessionId();
                sessionHub = hub;
            }
            connected(gen, target.getHost() + ":" + target.getPort() + " over SSE");
        }
        if (frame != null) {
            deliver(gen, frame);
        }
    }
}
