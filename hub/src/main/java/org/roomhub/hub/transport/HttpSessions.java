package org.roomhub.hub.transport;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.roomhub.hub.auth.Principal;
import org.roomhub.hub.http.HttpErrors;
import org.roomhub.hub.limit.ConnectionLimits;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Sessions over plain HTTP (SSE and polling), by id, and the route they send through:
 * {@code POST /rooms/{type}/{name}/messages?session=} answers 202 and the room's answers (errors
 * included) arrive on the session's stream or mailbox. Polling sessions not seen for the configured
 * timeout are closed and forgotten.
 */
public final class HttpSessions {

    /** One SSE or polling session. */
    static final class HttpSession {
        final String id;
        final Membership member;
        /** The polling mailbox; null for SSE. */
        final PollingMailbox mailbox;
        volatile long lastSeen;

        HttpSession(String id, Membership member, PollingMailbox mailbox, long now) {
            this.id = id;
            this.member = member;
            this.mailbox = mailbox;
            this.lastSeen = now;
        }
    }

    private final Edge edge;
    private final Map<String, HttpSession> sessions = new ConcurrentHashMap<>();

    /** Sessions through {@code edge}; starts the expiry sweep. */
    public HttpSessions(Edge edge) {
        this.edge = edge;
        long timeout = edge.settings().pollingSessionTimeout.toMillis();
        long every = Math.max(50, Math.min(1000, timeout / 4));
        edge.timer().scheduleWithFixedDelay(this::expire, every, every, TimeUnit.MILLISECONDS);
    }

    /** Registers {@code POST …/messages}. */
    public void register(RoutesConfig routes) {
        routes.post("/rooms/{type}/{name}/messages", this::message);
    }

    void add(HttpSession s) {
        sessions.put(s.id, s);
    }

    void remove(String id) {
        sessions.remove(id);
    }

    /** Sessions held (SSE and polling). */
    public int size() {
        return sessions.size();
    }

    /** The session {@code id} in {@code room} owned by {@code principal}, or empty after answering 404/403. */
    Optional<HttpSession> find(Context ctx, RoomAddress room, Principal principal, String id) {
        HttpSession s = id == null ? null : sessions.get(id);
        if (s == null || !s.member.room().equals(room)) {
            HttpErrors.answer(ctx, 404, "NO_SUCH_SESSION", "no session " + id + " in " + room + "; join again (resume with after= or Last-Event-ID)");
            return Optional.empty();
        }
        if (edge.access().required() && !s.member.principal().user().equals(principal.user())) {
            HttpErrors.answer(ctx, 403, "FORBIDDEN", "session " + id + " belongs to another user");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    private void message(Context ctx) {
        Optional<RoomAddress> room = edge.paths().resolve(ctx);
        if (room.isEmpty()) {
            return;
        }
        Optional<Principal> principal = edge.authorize(ctx, room.get());
        if (principal.isEmpty()) {
            return;
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > FrameCodec.MAX_FRAME_BYTES) {
            HttpErrors.answer(ctx, 413, "TOO_LARGE", "a frame is at most " + FrameCodec.MAX_FRAME_BYTES + " bytes");
            return;
        }
        find(ctx, room.get(), principal.get(), ctx.queryParam("session")).ifPresent(s -> {
            s.lastSeen = System.currentTimeMillis();
            s.member.receive(new String(body, StandardCharsets.UTF_8));
            ctx.status(202).json(Map.of("accepted", true));
        });
    }

    private void expire() {
        long now = System.currentTimeMillis();
        long timeout = edge.settings().pollingSessionTimeout.toMillis();
        sessions.values().forEach(s -> {
            if (s.mailbox != null && !s.mailbox.isWaiting() && now - s.lastSeen >= timeout) {
                sessions.remove(s.id);
                s.mailbox.close(1001, "polling session expired");
                s.member.leave(1001, "polling session expired");
            }
        });
    }

    /** Answers a refused connection: 503 when the room is full, 429 when the user has no connection left. */
    static void refuse(Context ctx, ConnectionLimits.Refusal refusal) {
        ctx.header("Retry-After", "5");
        HttpErrors.answer(ctx, refusal == ConnectionLimits.Refusal.ROOM_FULL ? 503 : 429, "ROOM_FULL",
                WebSocketTransport.refusalMessage(refusal));
    }
}
