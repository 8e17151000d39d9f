package org.roomhub.hub.transport;

import java.util.Map;
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

    @Override
    public void send(Outgoing outgoing) {
        for (String id : outgoing.sessionIds()) {
            Outbound out = open.get(id);
            if (out == null) {
                continue;
            }
            if (outgoing.replay()) {
                out.replay(outgoing.frame());
            } else {
                out.send(outgoing.frame());
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
