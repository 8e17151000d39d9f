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
 * once the changes pause for {@value #QUIET_MILLIS} ms (trailing edge), but not sooner than
 * {@value #MIN_MICROS_PER_MEMBER} µs per connection after the first of them, and at the latest
 * {@value #MICROS_PER_MEMBER} µs per connection after it (each {@value #QUIET_MILLIS} ms to
 * {@value #MAX_WINDOW_MILLIS} ms). A storm into a room of N then costs at most ~{@value #FRAMES_PER_SECOND}
 * frames a second while joins keep coming (up to 8,000 connections; N/2 above), ~10,000 whatever their rhythm
 * (the old fixed window), so filling it costs O(N) frames; its last diff goes out {@value #QUIET_MILLIS} ms
 * (or the minimum window) after its last join, not a whole long window later. The timer runs as a room event
 * on the room's queue. Touched only there.
 */
final class PresenceFeed {

    /** Rooms with more connections than this (the joiner or leaver counted) get {@code presence-diff}. */
    static final int COALESCE_ABOVE = 100;
    /** A diff goes out once no change came for this long (and never sooner after the last: PROTOCOL.md's 100 ms). */
    static final long QUIET_MILLIS = 100;
    /** While changes keep coming, a diff goes out at the latest this long per connection after the first one. */
    static final long MICROS_PER_MEMBER = 250;
    /** However the changes come, a diff waits at least this long per connection after the first of them. */
    static final long MIN_MICROS_PER_MEMBER = 100;
    static final long MAX_WINDOW_MILLIS = 2_000;
    /** What the window's growth caps a storm's presence frames at, per second. */
    static final long FRAMES_PER_SECOND = 1_000_000 / MICROS_PER_MEMBER;

    private final HostServices services;
    private final SessionTable sessions;
    private final RoomOutput output;
    private final RoomLife life;
    private Dispatcher dispatcher;
    /** Made on first use and dropped after each flush: a quiet or hibernated room holds none. */
    private Map<String, Presence> joined;
    private Map<String, Presence> left;
    private boolean armed;
    /** System.nanoTime of the first and the last change pending (the window's timer runs on real time). */
    private long firstChange;
    private long lastChange;
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
            changed();
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
            changed();
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

    private void changed() {
        lastChange = System.nanoTime();
        if (armed) {
            return;
        }
        firstChange = lastChange;
        armed = true;
        life.pendingTimers.incrementAndGet(); // a pending diff keeps the room from hibernating meanwhile
        waitFor(QUIET_MILLIS);
    }

    private void waitFor(long millis) {
        try {
            services.timer().schedule(() -> dispatcher.always(this::windowEnded), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The hub is stopping: nobody is left to tell.
            armed = false;
            life.pendingTimers.decrementAndGet();
        }
    }

    /** The shortest a diff waits: 0.1 ms per connection (at most ~10,000 presence frames a second in any case). */
    private long minWindowNanos() {
        return TimeUnit.MILLISECONDS.toNanos(Math.min(MAX_WINDOW_MILLIS, Math.max(QUIET_MILLIS, sessions.size() * MIN_MICROS_PER_MEMBER / 1000)));
    }

    /** The longest a diff waits while changes keep coming: grows with the room, so its frames a second do not. */
    private long maxWindowNanos() {
        long millis = Math.min(MAX_WINDOW_MILLIS, Math.max(QUIET_MILLIS, sessions.size() * MICROS_PER_MEMBER / 1000));
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private void windowEnded() {
        Map<String, Presence> j = joined;
        Map<String, Presence> l = left;
        if (j != null || l != null) {
            long now = System.nanoTime();
            // Never sooner than the room's minimum window: joins in waves just over 100 ms apart must not get a diff
            // (a frame per member) each; within it, the pause or the longest window, whichever comes first.
            long due = Math.max(firstChange + minWindowNanos(),
                    Math.min(lastChange + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS), firstChange + maxWindowNanos()));
            if (now < due) {
                // Changes still coming and the window not over: wait for the pause or the window's end.
                waitFor(Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - now + 999_999)));
                return;
            }
        }
        armed = false;
        life.pendingTimers.decrementAndGet();
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
