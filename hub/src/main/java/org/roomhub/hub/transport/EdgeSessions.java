package org.roomhub.hub.transport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentHashMap;
import org.roomhub.hub.runtime.seam.Backlog;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.hub.runtime.seam.SessionPort;

/**
 * The edge's side of the seam: every open session's {@link Outbound} by session id, whatever its
 * transport. The host names sessions by id only; a frame for an id no longer here is dropped (the
 * session left meanwhile).
 */
public final class EdgeSessions implements SessionPort {

    private final Map<String, Outbound> open = new ConcurrentHashMap<>();
    /** Where broadcasts are written (the edge's writer pool); until set, on the calling thread. */
    private volatile Executor writer = Runnable::run;

    /** Writes broadcasts on {@code pool} (the writer pool the edge's transports use). */
    public void writeOn(Executor pool) {
        this.writer = pool;
    }

    /** Registers a session's outbound before the host hears of the session. */
    void add(String sessionId, Outbound outbound) {
        open.put(sessionId, outbound);
    }

    /** Forgets a session (it left). */
    void remove(String sessionId) {
        open.remove(sessionId);
    }

    /** The outbound of a session, or null. */
    Outbound get(String sessionId) {
        return open.get(sessionId);
    }

    /** One frame: for one session (a pong, an error) or a replayed one queued and handed to the writer at once; a broadcast as below. */
    @Override
    public void send(Outgoing outgoing) {
        if (outgoing.replay() || outgoing.sessionIds().size() == 1) {
            queue(outgoing, null);
        } else {
            send(List.of(outgoing));
        }
    }

    /**
     * An event's frames, in order: each broadcast's bytes encoded once, and every socket handed to the
     * writers once all are queued, so one that got several (a joiner's welcome) writes them in one go.
     */
    @Override
    public void send(List<Outgoing> frames) {
        if (frames.isEmpty()) {
            return;
        }
        Fanout handoff = new Fanout(frames.get(0).frame());
        try {
            for (Outgoing outgoing : frames) {
                queue(outgoing, handoff.carrying(outgoing.frame()));
            }
        } finally {
            handoff.flush(writer);
        }
    }

    /** Offers the frame to each named session still here; with a hand-off, their writing waits for its flush. */
    private void queue(Outgoing outgoing, Fanout handoff) {
        for (String id : outgoing.sessionIds()) {
            Outbound out = open.get(id);
            if (out == null) {
                continue;
            }
            if (outgoing.replay()) {
                out.replay(outgoing.frame(), handoff);
            } else {
                out.send(outgoing.frame(), handoff);
            }
        }
    }

    @Override
    public void close(String sessionId, int code, String reason) {
        Outbound out = open.get(sessionId);
        if (out != null) {
            out.close(code, reason);
        }
    }

    @Override
    public Backlog backlog(String sessionId) {
        Outbound out = open.get(sessionId);
        return out == null ? Backlog.EMPTY : new Backlog(out.queuedFrames(), out.queuedBytes());
    }
}
