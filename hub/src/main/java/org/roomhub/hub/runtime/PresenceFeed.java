package org.roomhub.hub.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.Presence;

/**
 * Tells a room's sessions who joined and left (PROTOCOL.md, Every room). While the room has at most
 * {@value #COALESCE_ABOVE} connections each join and leave is its own {@code user-joined} /
 * {@code user-left} broadcast; above that they are collected and broadcast as one {@code presence-diff}
 * at the end of a window (trailing edge) of {@value #WINDOW_MILLIS} ms, or {@value #MILLIS_PER_THOUSAND} ms
 * per thousand connections in a bigger room: presence then costs at most ~10,000 frames a second per room
 * however big it is, and filling a room of N costs O(N) frames. The window's timer runs the flush as a
 * room event on the room's queue. Touched only there.
 */
final class PresenceFeed {

    /** Rooms with more connections than this (the joiner or leaver counted) get {@code presence-diff}. */
    static final int COALESCE_ABOVE = 100;
    static final long WINDOW_MILLIS = 100;
    static final long MILLIS_PER_THOUSAND = 100;

    private final HostServices services;
    private final SessionTable sessions;
    private final RoomOutput output;
    private final RoomLife life;
    private Dispatcher dispatcher;
    /** Made on first use and dropped after each flush: a quiet or hibernated room holds none. */
    private Map<String, Presence> joined;
    private Map<String, Presence> left;
    private boolean armed;
    /** Bumped whenever presence frames go out; read by room code through the context. */
    private volatile long version;

    PresenceFeed(HostServices services, SessionTable sessions, RoomOutput output, RoomLife life) {
        this.services = services;
        this.sessions = sessions;
        this.output = output;
        this.life = life;
    }

    /** The dispatcher is built after the feed's collaborators; wired once. */
    void runOn(Dispatcher d) {
        this.dispatcher = d;
    }

    /**
     * Changes whenever a presence frame is broadcast. A presence list built at one version stays a right
     * welcome until it changes: joins and leaves since then reach the joiner in the next {@code presence-diff}.
     */
    long version() {
        return version;
    }

    /** In an event: {@code session} (already in the table) joined. */
    void joined(ClientSession session) {
        if (sessions.size() > COALESCE_ABOVE) {
            joined = put(joined, session);
            arm();
            return;
        }
        flushNow();
        version++;
        output.broadcastExcept(session, s -> new ServerFrame.UserJoined(session.sessionId(), session.user(), now(), s));
    }

    /**
     * In an event: {@code session} (already out of the table) left. One that joined in the same window
     * stays in {@code joined} and is also listed in {@code left}: a client that got it in a welcome list
     * meanwhile must learn it is gone, and one that did not adds and removes it again.
     */
    void left(ClientSession session) {
        if (sessions.size() + 1 > COALESCE_ABOVE) {
            left = put(left, session);
            arm();
            return;
        }
        flushNow();
        version++;
        output.broadcastExcept(session, s -> new ServerFrame.UserLeft(session.sessionId(), session.user(), now(), s));
    }

    /** In an event: broadcasts what is pending now (before a per-session frame, to keep the order). */
    private void flushNow() {
        if (joined == null && left == null) {
            return;
        }
        List<Presence> j = joined == null ? List.of() : List.copyOf(joined.values());
        List<Presence> l = left == null ? List.of() : List.copyOf(left.values());
        joined = null;
        left = null;
        version++;
        output.broadcast(s -> new ServerFrame.PresenceDiff(j, l, now(), s));
    }

    private void arm() {
        if (armed) {
            return;
        }
        armed = true;
        life.pendingTimers.incrementAndGet(); // a pending diff keeps the room from hibernating meanwhile
        long window = Math.max(WINDOW_MILLIS, sessions.size() * MILLIS_PER_THOUSAND / 1000);
        try {
            services.timer().schedule(() -> dispatcher.always(this::windowEnded), window, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The hub is stopping: nobody is left to tell.
            armed = false;
            life.pendingTimers.decrementAndGet();
        }
    }

    private void windowEnded() {
        armed = false;
        life.pendingTimers.decrementAndGet();
        Map<String, Presence> j = joined;
        Map<String, Presence> l = left;
        if (j == null && l == null) {
            return;
        }
        if (!dispatcher.event(null, "presence", r -> flushNow()) && !dispatcher.deleted()) {
            // The event's frames died with it: keep the changes for the next window (the next join or leave arms it).
            joined = j;
            left = l;
        }
    }

    private static Map<String, Presence> put(Map<String, Presence> pending, ClientSession session) {
        Map<String, Presence> m = pending == null ? new LinkedHashMap<>() : pending;
        m.put(session.sessionId(), new Presence(session.sessionId(), session.user()));
        return m;
    }

    private long now() {
        return services.clock().millis();
    }
}
