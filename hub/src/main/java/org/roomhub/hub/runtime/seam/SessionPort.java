package org.roomhub.hub.runtime.seam;

import java.util.List;

/**
 * Host → edge: what the rooms tell the connections. Implemented by the edge, called by the host
 * (from a room's queue, after the output gate opened); every call enqueues and returns at once.
 */
public interface SessionPort {

    /** Queues one encoded frame for each of the sessions named (unknown ids are skipped). */
    void send(Outgoing outgoing);

    /**
     * Queues the frames of one event, in order. An edge may hand a socket to its writer once, after all are
     * queued, so the frames an event gives one session (a joiner's welcome) leave together.
     */
    default void send(List<Outgoing> frames) {
        for (Outgoing outgoing : frames) {
            send(outgoing);
        }
    }

    /** Closes a session's connection after the frames already sent to it; the edge then calls {@link RoomPort#left}. */
    void close(String sessionId, int code, String reason);

    /** What waits in a session's outbound queue now (for admin views); zero for an unknown session. */
    Backlog backlog(String sessionId);

    /**
     * The room left this host (cluster mode: another member took it over) while the session was in
     * it: the edge re-opens the session wherever the room runs now, resuming after the last seq it
     * passed on. One process never moves a room, so by default the session is closed with 1012 and
     * its client reconnects and resumes by seq.
     */
    default void moved(org.roomhub.protocol.value.RoomAddress room, String sessionId) {
        close(sessionId, 1012, "room moved; reconnect and resume");
    }
}
