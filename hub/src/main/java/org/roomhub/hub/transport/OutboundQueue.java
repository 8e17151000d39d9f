package org.roomhub.hub.transport;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roomhub.hub.room.RoomType.Overflow;
import org.roomhub.protocol.EncodedFrame;

/**
 * The frames waiting for one client, bounded in count and bytes, shared by every transport. Each
 * frame gets a session-local number {@code n} that only grows. When the queue is full a
 * {@link Overflow#CONFLATE} queue replaces a waiting frame of the same subject (a newer value of the
 * same metric) and a {@link Overflow#CLOSE} queue refuses the frame: the caller closes the client.
 * Thread-safe; every method is short and never blocks on I/O.
 */
public final class OutboundQueue {

    /**
     * A waiting frame and its session-local number; {@code replay} marks a frame resent for a resume;
     * {@code wire}, when not null, is the frame's UTF-8 bytes shared read-only with other recipients.
     */
    public record Entry(long n, EncodedFrame frame, boolean replay, ByteBuffer wire) {}

    /** What {@link #offer} did. */
    public enum Result {
        /** The frame waits in the queue. */
        QUEUED,
        /** The queue was full; the frame replaced an older one (which is counted as dropped). */
        CONFLATED,
        /** The queue was full and the frame may not replace another: close the client. */
        OVERFLOW,
        /** The queue was closed; the frame was discarded. */
        CLOSED
    }

    private final int maxFrames;
    private final long maxBytes;
    private final Overflow policy;
    /** Keyed by the conflation subject for conflatable frames, else by {@code n}; insertion order is delivery order. */
    private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>();
    private long bytes;
    /** Replayed frames waiting; they do not count against the bounds, which are for live traffic. */
    private int replayFrames;
    private long replayBytes;
    private long next;
    private long dropped;
    private boolean closed;

    /** A queue of at most {@code maxFrames} frames and {@code maxBytes} bytes. */
    public OutboundQueue(int maxFrames, long maxBytes, Overflow policy) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.policy = policy;
    }

    /** The policy applied when full. */
    public Overflow policy() {
        return policy;
    }

    /** Adds a frame, or says why not. */
    public Result offer(EncodedFrame frame) {
        return offer(frame, null);
    }

    /** Adds a frame with its shared UTF-8 bytes ({@code wire}, may be null), or says why not. */
    public synchronized Result offer(EncodedFrame frame, ByteBuffer wire) {
        if (closed) {
            return Result.CLOSED;
        }
        String subject = policy == Overflow.CONFLATE ? frame.conflationKey() : null;
        int size = frame.byteLength();
        // A waiting value of the same subject means the client is behind: the newer value wins.
        boolean full = entries.size() > replayFrames
                && (entries.size() - replayFrames >= maxFrames || bytes - replayBytes + size > maxBytes);
        if (subject != null && (entries.containsKey(subject) || full)) {
            if (!evict(subject)) {
                return Result.OVERFLOW;
            }
            dropped++;
            put(subject, frame, size, wire);
            return Result.CONFLATED;
        }
        if (full) {
            return Result.OVERFLOW;
        }
        put(subject, frame, size, wire);
        return Result.QUEUED;
    }

    private void put(Object subject, EncodedFrame frame, int size, ByteBuffer wire) {
        Entry e = new Entry(++next, frame, false, wire);
        entries.put(subject == null ? (Object) e.n() : subject, e);
        bytes += size;
    }

    /**
     * Adds a frame resent for a resume, past the bounds: a replay is already bounded by what the room
     * holds for resume, and refusing it would close a client that is catching up. Never conflated.
     */
    public synchronized Result offerReplay(EncodedFrame frame) {
        if (closed) {
            return Result.CLOSED;
        }
        Entry e = new Entry(++next, frame, true, null);
        entries.put(e.n(), e);
        bytes += frame.byteLength();
        replayFrames++;
        replayBytes += frame.byteLength();
        return Result.QUEUED;
    }

    /** Accounts for an entry leaving the queue. */
    private void removed(Entry e) {
        bytes -= e.frame().byteLength();
        if (e.replay()) {
            replayFrames--;
            replayBytes -= e.frame().byteLength();
        }
    }

    /** Removes the waiting frame of {@code subject}, else the oldest conflatable frame; false when there is none. */
    private boolean evict(String subject) {
        Entry same = entries.remove(subject);
        if (same != null) {
            removed(same);
            return true;
        }
        Iterator<Map.Entry<Object, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Object, Entry> e = it.next();
            if (e.getKey() instanceof String) {
                removed(e.getValue());
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** Takes the oldest waiting frame, or null. */
    public synchronized Entry poll() {
        Iterator<Entry> it = entries.values().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Entry e = it.next();
        it.remove();
        removed(e);
        return e;
    }

    /** Forgets frames numbered up to {@code n} (acknowledged) and returns up to {@code max} of the rest, oldest first, keeping them. */
    public synchronized List<Entry> acknowledgeAndPeek(long n, int max) {
        Iterator<Entry> it = entries.values().iterator();
        List<Entry> out = new ArrayList<>();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.n() <= n) {
                it.remove();
                removed(e);
            } else if (out.size() < max) {
                out.add(e);
            } else {
                break;
            }
        }
        return out;
    }

    /** Whether nothing waits. */
    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Frames waiting. */
    public synchronized int size() {
        return entries.size();
    }

    /** Bytes waiting. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Frames conflated away so far. */
    public synchronized long dropped() {
        return dropped;
    }

    /** The number the last queued frame got. */
    public synchronized long lastNumber() {
        return next;
    }

    /** Refuses further frames and discards the waiting ones; returns how many were discarded. */
    public synchronized int close() {
        closed = true;
        int n = entries.size();
        entries.clear();
        bytes = 0;
        replayFrames = 0;
        replayBytes = 0;
        return n;
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }
}
