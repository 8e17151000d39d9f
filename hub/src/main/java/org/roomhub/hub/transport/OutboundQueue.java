package org.roomhub.hub.transport;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
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
 *
 * <p>Frames wait in an array deque in delivery order: one entry object per frame, no map entry or boxed
 * key (the fan-out of a broadcast puts one frame in a thousand queues). Only a conflating queue keeps a
 * map, by subject; a frame replaced there stays in the deque marked dead until it is passed or the dead
 * outnumber the live (then the deque is compacted), so a stalled consumer holds at most one frame per subject.
 */
public final class OutboundQueue {

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

    /** Dead entries tolerated before a compaction is considered. */
    private static final int COMPACT_AT = 64;

    private final int maxFrames;
    private final long maxBytes;
    private final Overflow policy;
    /**
     * Insertion order is delivery order; may hold dead entries (conflating queues only). Null while empty:
     * most sockets are idle most of the time, and an empty deque costs ~0.1 KB each.
     */
    private ArrayDeque<QueuedFrame> entries;
    /** The live entry of each subject; conflating queues only, null while none waits. */
    private Map<String, QueuedFrame> bySubject;
    /** Live entries. */
    private int size;
    private int dead;
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
        int sz = frame.byteLength();
        // A waiting value of the same subject means the client is behind: the newer value wins.
        boolean full = size > replayFrames
                && (size - replayFrames >= maxFrames || bytes - replayBytes + sz > maxBytes);
        if (subject != null && ((bySubject != null && bySubject.containsKey(subject)) || full)) {
            if (!evict(subject)) {
                return Result.OVERFLOW;
            }
            dropped++;
            put(new QueuedFrame(++next, frame, false, wire, subject));
            return Result.CONFLATED;
        }
        if (full) {
            return Result.OVERFLOW;
        }
        put(new QueuedFrame(++next, frame, false, wire, subject));
        return Result.QUEUED;
    }

    private void put(QueuedFrame e) {
        if (entries == null) {
            entries = new ArrayDeque<>();
        }
        entries.addLast(e);
        size++;
        bytes += e.frame.byteLength();
        if (e.subject != null) {
            if (bySubject == null) {
                bySubject = new HashMap<>();
            }
            bySubject.put(e.subject, e);
        }
    }

    /**
     * Adds a frame resent for a resume, past the bounds: a replay is already bounded by what the room
     * holds for resume, and refusing it would close a client that is catching up. Never conflated.
     */
    public synchronized Result offerReplay(EncodedFrame frame) {
        if (closed) {
            return Result.CLOSED;
        }
        put(new QueuedFrame(++next, frame, true, null, null));
        replayFrames++;
        replayBytes += frame.byteLength();
        return Result.QUEUED;
    }

    /** Accounts for a live entry leaving the queue (taken or replaced). */
    private void removed(QueuedFrame e) {
        size--;
        bytes -= e.frame.byteLength();
        if (e.replay) {
            replayFrames--;
            replayBytes -= e.frame.byteLength();
        }
        if (e.subject != null && bySubject != null && bySubject.get(e.subject) == e) {
            bySubject.remove(e.subject);
            if (bySubject.isEmpty()) {
                bySubject = null;
            }
        }
    }

    /** Removes the waiting frame of {@code subject}, else the oldest conflatable frame; false when there is none. */
    private boolean evict(String subject) {
        QueuedFrame victim = bySubject == null ? null : bySubject.get(subject);
        if (victim == null && entries != null) {
            for (QueuedFrame e : entries) {
                if (!e.dead && e.subject != null) {
                    victim = e;
                    break;
                }
            }
        }
        if (victim == null) {
            return false;
        }
        removed(victim);
        victim.dead = true;
        dead++;
        if (dead > COMPACT_AT && dead > size) {
            entries.removeIf(e -> e.dead);
            dead = 0;
        }
        return true;
    }

    /** The oldest live entry, taken off the deque; null when none. */
    private QueuedFrame take() {
        QueuedFrame e = null;
        while (entries != null && (e = entries.pollFirst()) != null && e.dead) {
            dead--;
        }
        if (e != null) {
            removed(e);
        }
        dropIfEmpty();
        return e;
    }

    private void dropIfEmpty() {
        if (entries != null && entries.isEmpty()) {
            entries = null;
        }
    }

    /** Takes the oldest waiting frame, or null. */
    public synchronized QueuedFrame poll() {
        return take();
    }

    /** Takes up to {@code into.length} waiting frames, oldest first, into {@code into}; returns how many. */
    public synchronized int poll(QueuedFrame[] into) {
        int n = 0;
        QueuedFrame e;
        while (n < into.length && (e = take()) != null) {
            into[n++] = e;
        }
        return n;
    }

    /** Forgets frames numbered up to {@code n} (acknowledged) and returns up to {@code max} of the rest, oldest first, keeping them. */
    public synchronized List<QueuedFrame> acknowledgeAndPeek(long n, int max) {
        QueuedFrame head;
        while (entries != null && (head = entries.peekFirst()) != null && (head.dead || head.n <= n)) {
            entries.pollFirst();
            if (head.dead) {
                dead--;
            } else {
                removed(head);
            }
        }
        List<QueuedFrame> out = new ArrayList<>();
        dropIfEmpty();
        if (entries == null) {
            return out;
        }
        Iterator<QueuedFrame> it = entries.iterator();
        while (it.hasNext() && out.size() < max) {
            QueuedFrame e = it.next();
            if (!e.dead) {
                out.add(e);
            }
        }
        return out;
    }

    /** Whether nothing waits. */
    public synchronized boolean isEmpty() {
        return size == 0;
    }

    /** Frames waiting. */
    public synchronized int size() {
        return size;
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
        int n = size;
        entries = null;
        bySubject = null;
        size = 0;
        dead = 0;
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
