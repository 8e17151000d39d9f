package org.roomhub.hub.transport;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.roomhub.hub.auth.Access;
import org.roomhub.hub.auth.Principal;
import org.roomhub.hub.http.Sessions;
import org.roomhub.hub.limit.ConnectionLimits;
import org.roomhub.protocol.PollBatch;
import org.roomhub.protocol.value.RoomAddress;

/**
 * HTTP polling on {@code /rooms/{type}/{name}/poll}. Without {@code session=} a call opens a session
 * ({@code after=} then resumes after that room seq) and answers {@code {sessionId, messages, next}},
 * messages starting with {@code connected}. With {@code session=}, {@code after=} is the {@code next}
 * of the previous answer: frames up to it are acknowledged and the rest returned, waiting up to
 * {@code wait} seconds (at most 30) for some. A closed session answers once more with
 * {@code closed {code, reason}}; then it is gone (404).
 */
public final class PollingTransport {

    /** A first poll waits at least this long for the welcome frames. */
    private static final Duration FIRST_WAIT = Duration.ofSeconds(5);

    private final Edge edge;
    private final HttpSessions sessions;

    /** Polling sessions through {@code edge}, kept in {@code sessions}. */
    public PollingTransport(Edge edge, HttpSessions sessions) {
        this.edge = edge;
        this.sessions = sessions;
    }

    /** Registers the route. */
    public void register(RoutesConfig routes) {
        routes.get("/rooms/{type}/{name}/poll", this::poll);
    }

    private void poll(Context ctx) {
        Optional<RoomAddress> room = edge.paths().resolve(ctx);
        Optional<Principal> principal = room.flatMap(a -> edge.authorize(ctx, a));
        if (principal.isEmpty()) {
            return;
        }
        long waitMillis = Math.min(edge.settings().maxPollWait.toMillis(), Math.max(0, parse(ctx.queryParam("wait"), 0)) * 1000);
        String sessionId = ctx.queryParam("session");
        if (sessionId == null) {
            open(ctx, room.get(), principal.get(), waitMillis);
            return;
        }
        sessions.find(ctx, room.get(), principal.get(), sessionId).ifPresent(s -> {
            if (s.mailbox == null) {
                org.roomhub.hub.http.HttpErrors.answer(ctx, 409, "NOT_POLLING", "session " + sessionId + " is an SSE session");
                return;
            }
            answer(ctx, s, parse(ctx.queryParam("after"), 0), waitMillis);
        });
    }

    private void open(Context ctx, RoomAddress address, Principal principal, long waitMillis) {
        Optional<ConnectionLimits.Refusal> refused = edge.admit(address, principal);
        if (refused.isPresent()) {
            HttpSessions.refuse(ctx, refused.get());
            return;
        }
        String id = Sessions.newId();
        AtomicReference<Membership> self = new AtomicReference<>();
        PollingMailbox mailbox = new PollingMailbox(edge.queueFor(address), edge.drops(address, id), (code, reason) -> {
            Membership m = self.get();
            if (m != null) {
                m.leave(code, reason);
            }
        }, edge.timer());
        Long since = WebSocketTransport.parseSince(ctx.queryParam("after"));
        String name = Access.displayName(principal, ctx.queryParam("name"), Sessions::isUsableName);
        Membership member = edge.join(address, id, principal, name, mailbox, since);
        self.set(member);
        HttpSessions.HttpSession s = new HttpSessions.HttpSession(id, member, mailbox, System.currentTimeMillis());
        sessions.add(s);
        answer(ctx, s, 0, Math.max(waitMillis, FIRST_WAIT.toMillis()));
    }

    private void answer(Context ctx, HttpSessions.HttpSession s, long after, long waitMillis) {
        s.lastSeen = System.currentTimeMillis();
        ctx.future(() -> s.mailbox.poll(after, waitMillis).thenAccept(b -> {
            s.lastSeen = System.currentTimeMillis();
            if (b.closeCode() != null) {
                sessions.remove(s.id);
                s.member.leave(b.closeCode(), b.closeReason());
            }
            ctx.contentType("application/json").result(body(s.id, b));
        }));
    }

    private String body(String sessionId, PollingMailbox.Batch b) {
        return new PollBatch(sessionId, b.messages().stream().map(QueuedFrame::frame).toList(), b.next(),
                b.closeCode() == null ? Optional.empty() : Optional.of(new PollBatch.Closed(b.closeCode(), b.closeReason())))
                .toJson(edge.codec().mapper());
    }

    private static long parse(String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
