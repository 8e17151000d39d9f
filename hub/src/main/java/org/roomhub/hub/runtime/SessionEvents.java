package org.roomhub.hub.runtime;

import java.util.List;
import org.roomhub.hub.room.RoomType;
import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.SessionLeft;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * What arrives for one room through the seam, turned into room events: a session opens (connected,
 * then a replay or the welcome), a client frame (a ping answered at once, the rest dispatched), a
 * session leaves or fails. Sessions are named by id; the {@link SessionTable} says who is in, the
 * {@link PresenceFeed} tells the others.
 */
final class SessionEvents {

    /** Close code of a join that reaches a room being deleted. */
    private static final int ROOM_DELETED = 1001;

    private final RoomAddress address;
    private final RoomType type;
    private final HostServices services;
    private final RoomCounters counters;
    private final SessionTable sessions;
    private final RoomOutput output;
    private final OutputGate gate;
    private final Dispatcher dispatcher;
    private final PresenceFeed presence;

    SessionEvents(RoomAddress address, RoomType type, HostServices services, RoomCounters counters, SessionTable sessions,
            RoomOutput output, OutputGate gate, Dispatcher dispatcher, PresenceFeed presence) {
        this.address = address;
        this.type = type;
        this.services = services;
        this.counters = counters;
        this.sessions = sessions;
        this.output = output;
        this.gate = gate;
        this.dispatcher = dispatcher;
        this.presence = presence;
    }

    /** A session opens: {@code connected}, then a replay after {@code since} or the room's welcome. */
    void open(SessionOpen open) {
        ClientSession session = new ClientSession(open, counters.totalConnections.incrementAndGet(), services.clock().millis(), output,
                services.sessions(), services.codec().mapper());
        dispatcher.always(() -> {
            if (dispatcher.retired()) {
                services.registry().open(address).events().open(open); // the room went dormant meanwhile
                return;
            }
            if (dispatcher.evicted()) {
                services.sessions().moved(address, session.sessionId());
                return;
            }
            if (dispatcher.deleted()) {
                services.sessions().close(session.sessionId(), ROOM_DELETED, "room deleted");
                return;
            }
            sessions.add(session);
            services.listener().clientConnected(address, session);
            boolean welcomed = dispatcher.event(session, "connect", r -> {
                output.sendTo(session, new ServerFrame.Connected(session.sessionId(), session.user(), address.toString(), output.seq(), services.clock().millis()));
                if (open.since().isEmpty() || !output.replay(session, open.since().getAsLong())) {
                    r.onConnect(session);
                    if (open.since().isPresent()) {
                        output.sendTo(session, new ServerFrame.Reset(output.seq(), services.clock().millis()));
                    }
                    r.welcome(session);
                }
                presence.joined(session);
            });
            if (!welcomed) {
                // No welcome went out (its frames died with the event): a client left waiting would be a
                // session in the room that nobody can use. It got the INTERNAL error; now it is closed.
                forget(session, 1011, "the room failed to welcome this client");
                services.sessions().close(session.sessionId(), 1011, "the room failed to welcome this client");
            }
        });
    }

    /** A decoded client frame: a ping is answered here (the room is not woken), the rest queued for the room. */
    void receive(ClientMessage m) {
        ClientFrame frame = m.frame();
        String id = m.sessionId();
        services.listener().flow(address, id, List.of("room"), FrameCodec.typeName(frame), m.bytes(), services.clock().millis());
        if (frame instanceof ClientFrame.Ping ping) {
            long t = services.clock().millis();
            gate.sendNow(id, new ServerFrame.Pong(ping.id(), ping.clientTime(), t, t));
            return;
        }
        if (frame instanceof ClientFrame.Resume resume) {
            dispatcher.run(id, () -> sessions.get(id).ifPresent(session -> dispatcher.event(session, "resume", r -> {
                if (!output.replay(session, resume.since())) {
                    output.sendTo(session, new ServerFrame.Reset(output.seq(), services.clock().millis()));
                    r.welcome(session);
                }
            })));
            return;
        }
        if (!type.accepts().contains(frame.getClass())) {
            gate.sendNow(id, dispatcher.error(ErrorCode.UNKNOWN_TYPE, FrameCodec.typeName(frame) + " is not handled by " + address.type() + " rooms"));
            return;
        }
        dispatcher.run(id, () -> sessions.get(id).ifPresent(session -> {
            counters.messagesProcessed.incrementAndGet();
            dispatcher.event(session, "message", r -> r.onMessage(session, frame));
        }));
    }

    /** The session's connection closed. */
    void left(SessionLeft left) {
        dispatcher.always(() -> sessions.get(left.sessionId()).ifPresent(session -> {
            forget(session, left.code(), left.reason());
            dispatcher.event(null, "close", r -> {
                r.onClose(session, left.code(), left.reason());
                presence.left(session);
            });
        }));
    }

    /** A transport error on a session. */
    void failed(String sessionId, Throwable error) {
        dispatcher.always(() -> sessions.get(sessionId).ifPresent(session ->
                dispatcher.event(null, "error", r -> r.onError(session, error))));
    }

    private void forget(ClientSession session, int code, String reason) {
        if (sessions.remove(session)) {
            session.markClosed();
            services.listener().clientDisconnected(address, session, code, reason);
        }
    }
}
