package org.roomhub.hub.cluster.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.roomhub.hub.runtime.seam.Outgoing;

/**
 * The messages waiting for one member, bounded like a slow client's outbound queue (issue 13): a
 * member that stops reading (paused, overloaded, about to be suspected) must not grow this one's heap.
 * Live traffic counts against {@code maxBytes}/{@code maxMessages}: frames to clients ({@link
 * RouteMessage.Send}, replays excepted: a room's resume window bounds them) and client frames to a host
 * ({@link RouteMessage.Deliver}). As on one hub, a frame with a conflation key (a metric) replaces the
 * waiting one of the same subject (subject = key + recipients), and a new subject may use a reserve as
 * large as the bound again; when full, any other frame cuts its recipients off — they get a
 * {@code 1013} close queued after what they already have, and nothing more until they leave (they
 * resume by seq elsewhere or here); a client frame is refused (the edge answers {@code RATE_LIMIT}).
 * Control messages (open, left, close, moved, ask…) always pass: their number is bounded by sessions.
 * Thread-safe; {@link #offer} never blocks, {@link #take} waits for the sender thread.
 */
final class Outbox {

    /** The code and reason of a cut-off session's close. */
    static final int TRY_AGAIN_LATER = 1013;
    static final String CUT_REASON = "the member hosting the room is behind; resume";

    /** What {@link #offer} did. */
    enum Result { QUEUED, CONFLATED, CUT, REFUSED, DROPPED }

    /** Figures of one outbox (for {@code /api/cluster} and tests). */
    record Figures(int messages, long liveBytes, long conflated, long cut, long refused) {}

    private record Item(RouteMessage message, long liveBytes) {}

    private final int maxMessages;
    private final long maxBytes;
    /** Keyed by conflation subject (key + recipients) for conflatable frames, else by a counter. */
    private final LinkedHashMap<Object, Item> items = new LinkedHashMap<>();
    /** Sessions cut off for overflow: their frames are dropped here until they leave. */
    private final Set<String> cut = new HashSet<>();
    private long next;
    private int liveMessages;
    private long liveBytes;
    private long conflated;
    private long cutCount;
    private long refused;
    private boolean closed;

    Outbox(int maxMessages, long maxBytes) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    synchronized Result offer(RouteMessage m) {
        if (closed) {
            return Result.DROPPED;
        }
        if (m instanceof RouteMessage.Send s && !s.outgoing().replay()) {
            return offerFrame(s.outgoing());
        }
        if (m instanceof RouteMessage.Send s) {
            return offerReplay(s.outgoing());
        }
        if (m instanceof RouteMessage.Deliver d) {
            long size = d.message().bytes() + 64L;
            if (full(size, 1)) {
                refused++;
                return Result.REFUSED;
            }
            put(next++, m, size);
            return Result.QUEUED;
        }
        put(next++, m, 0);
        return Result.QUEUED;
    }

    private Result offerFrame(Outgoing out) {
        List<String> ids = open(out.sessionIds());
        if (ids.isEmpty()) {
            return Result.DROPPED;
        }
        Outgoing o = ids.size() == out.sessionIds().size() ? out : new Outgoing(ids, out.frame(), false);
        long size = size(o);
        String key = o.frame().conflationKey();
        Object subject = key == null ? null : List.of(key, ids);
        if (subject != null && items.containsKey(subject)) {
            // A value of the same subject still waits: the member is behind, the newer value wins.
            gone(items.remove(subject));
            conflated++;
            put(subject, new RouteMessage.Send(o), size);
            return Result.CONFLATED;
        }
        if (subject != null ? full(size, 2) : full(size, 1)) {
            // Chat is never dropped: its recipients close with 1013 and resume. A new metric subject may use
            // a reserve as large again (one slot per subject), so chat filling the link does not cut metrics.
            return cutOff(ids);
        }
        put(subject != null ? subject : (Object) next++, new RouteMessage.Send(o), size);
        return Result.QUEUED;
    }

    private Result offerReplay(Outgoing out) {
        List<String> ids = open(out.sessionIds());
        if (ids.isEmpty()) {
            return Result.DROPPED;
        }
        put(next++, new RouteMessage.Send(ids.size() == out.sessionIds().size() ? out : new Outgoing(ids, out.frame(), true)), 0);
        return Result.QUEUED;
    }

    /** The recipients get a 1013 close after what they already have, and no frame more. */
    private Result cutOff(List<String> ids) {
        for (String id : ids) {
            if (cut.add(id)) {
                cutCount++;
                put(next++, new RouteMessage.Close(id, TRY_AGAIN_LATER, CUT_REASON), 0);
            }
        }
        return Result.CUT;
    }

    private List<String> open(List<String> ids) {
        if (cut.isEmpty()) {
            return ids;
        }
        List<String> keep = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (!cut.contains(id)) {
                keep.add(id);
            }
        }
        return keep;
    }

    /** Whether {@code size} more bytes pass {@code times} the bounds. */
    private boolean full(long size, int times) {
        return liveMessages > 0 && (liveMessages >= (long) maxMessages * times || liveBytes + size > maxBytes * times);
    }

    private void put(Object key, RouteMessage m, long size) {
        items.put(key, new Item(m, size));
        if (size > 0) {
            liveMessages++;
            liveBytes += size;
        }
        notifyAll();
    }

    private void gone(Item i) {
        if (i.liveBytes() > 0) {
            liveMessages--;
            liveBytes -= i.liveBytes();
        }
    }

    /** The next message, waiting for one; null once closed. */
    synchronized RouteMessage take() throws InterruptedException {
        while (items.isEmpty() && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        Iterator<Item> it = items.values().iterator();
        Item i = it.next();
        it.remove();
        gone(i);
        return i.message();
    }

    /** A cut-off session left (or moved): frames for the same id may flow again. */
    synchronized void forget(String sessionId) {
        cut.remove(sessionId);
    }

    synchronized void close() {
        closed = true;
        items.clear();
        notifyAll();
    }

    synchronized Figures figures() {
        return new Figures(items.size(), liveBytes, conflated, cutCount, refused);
    }

    /** What a frame costs here: its text and the recipients' ids. */
    private static long size(Outgoing o) {
        long ids = 0;
        for (String id : o.sessionIds()) {
            ids += id.length() + 4;
        }
        return o.frame().byteLength() + ids + 64;
    }
}
