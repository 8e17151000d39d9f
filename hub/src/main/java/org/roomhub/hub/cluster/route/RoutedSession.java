package org.roomhub.hub.cluster.route;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.protocol.EncodedFrame;

/**
 * One open session as the {@link EdgeRouter} routes it: its host, the last room seq passed to the client,
 * the frames waiting for a host; and which of a host's frames reach the client. Guarded by itself.
 */
final class RoutedSession {

    final SessionOpen open;
    /** The member hosting the session now; null while it waits to be re-opened. */
    String host;
    /**
     * Its host left the view (died, or a split cut it off) and has not had the session opened again since:
     * client frames wait in {@link #parked} until the re-open, also once the member is back in the view (it
     * lost our session: a frame sent before the re-open would only bounce).
     */
    boolean hostLost;
    long lastSeq = -1;
    boolean dropConnected;
    /** Opened (or re-opened) and no {@code connected} back yet: the open may have been lost. */
    boolean awaitingConnected;
    long openedAt;
    /** Frames the client sent while the session had no live host; delivered after the re-open, in order. */
    private final List<ClientMessage> parked = new ArrayList<>();
    /** How many of {@link #parked}'s first frames came back from a host: they were sent before the others. */
    private int bounced;

    RoutedSession(SessionOpen open, String host) {
        this.open = open;
        this.host = host;
    }

    /** Keeps a client frame for later; false when {@code max} frames wait already. */
    boolean park(ClientMessage m, int max) {
        if (parked.size() >= max) {
            return false;
        }
        parked.add(m);
        return true;
    }

    /** Keeps a frame a host handed back, ahead of frames the client sent after it. */
    void parkBounced(ClientMessage m) {
        parked.add(bounced++, m);
    }

    boolean hasParked() {
        return !parked.isEmpty();
    }

    /** The waiting frames in the order the client sent them; none wait afterwards. */
    List<ClientMessage> takeParked() {
        List<ClientMessage> out = List.copyOf(parked);
        parked.clear();
        bounced = 0;
        return out;
    }

    /**
     * Whether frame {@code f} from member {@code host} goes to the client, noting its seq for a later re-open:
     * only frames of the session's current host, each seq once (a repeated open replays), and the
     * {@code connected} of a re-open not again.
     */
    boolean passes(String host, EncodedFrame f) {
        if (!host.equals(this.host)) {
            return false;
        }
        if (f.seq() >= 0 && f.seq() <= lastSeq) {
            return false;
        }
        if ("connected".equals(f.type())) {
            awaitingConnected = false;
        }
        if (dropConnected && "connected".equals(f.type())) {
            dropConnected = false; // the client was told once, on its first open
            return false;
        }
        if (f.seq() >= 0) {
            lastSeq = Math.max(lastSeq, f.seq());
        } else if ("reset".equals(f.type())) {
            lastSeq = f.roomSeq(); // the room's history restarted from here
        } else if ("connected".equals(f.type()) && open.since().isEmpty()) {
            lastSeq = Math.max(lastSeq, f.roomSeq());
        }
        return true;
    }

    /**
     * The session moves to {@code owner}: the open to send there, resuming after the last seq passed on.
     * {@code ownerUp}: the owner is in the view (placement may name a member before it is: open again then).
     */
    SessionOpen reopenOn(String owner, boolean ownerUp) {
        host = owner;
        hostLost = !ownerUp;
        dropConnected = true;
        awaitingConnected = true;
        openedAt = System.currentTimeMillis();
        OptionalLong since = lastSeq >= 0 ? OptionalLong.of(lastSeq) : open.since();
        return new SessionOpen(open.room(), open.sessionId(), open.user(), open.role(), open.transport(), since);
    }
}
