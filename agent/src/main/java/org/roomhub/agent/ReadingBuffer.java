package org.roomhub.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.roomhub.protocol.value.MetricSample;

/**
 * Readings waiting to be sent, bounded by a count of readings and of points: when either is full the
 * oldest reading is dropped (and counted). A sent reading stays for a short replay window, because a
 * hub that goes away may not have stored what it last received; writing the same point twice stores
 * the same value, so replaying is harmless. Thread-safe.
 */
final class ReadingBuffer {

    /** One sample of the host: its points, all stamped with {@code ts}. */
    record Reading(long ts, List<MetricSample> points) {}

    private final int maxReadings;
    private final int maxPoints;
    private final long replayMillis;
    private final Deque<Reading> unsent = new ArrayDeque<>();
    private final Deque<Reading> sent = new ArrayDeque<>();
    private int points;
    private long droppedReadings;
    private long droppedPoints;

    ReadingBuffer(int maxReadings, int maxPoints, long replayMillis) {
        this.maxReadings = maxReadings;
        this.maxPoints = maxPoints;
        this.replayMillis = replayMillis;
    }

    /** Adds a reading, dropping the oldest ones past either bound. */
    synchronized void add(Reading reading) {
        unsent.addLast(reading);
        points += reading.points().size();
        while (!unsent.isEmpty() && (unsent.size() + sent.size() > maxReadings || points > maxPoints)) {
            // Already-sent readings of the replay window go first: they are only a safety copy.
            boolean wasSent = !sent.isEmpty();
            Reading old = wasSent ? sent.pollFirst() : unsent.pollFirst();
            points -= old.points().size();
            if (!wasSent) {
                droppedReadings++;
                droppedPoints += old.points().size();
            }
        }
    }

    /** The oldest reading not yet sent, or {@code null}. */
    synchronized Reading peek() {
        return unsent.peekFirst();
    }

    /** Marks {@code reading} (the one {@link #peek()} gave) sent; forgets sent readings older than the replay window. */
    synchronized void sent(Reading reading, long now) {
        if (unsent.peekFirst() == reading) {
            unsent.pollFirst();
            sent.addLast(reading);
        }
        while (!sent.isEmpty() && sent.peekFirst().ts() < now - replayMillis) {
            points -= sent.pollFirst().points().size();
        }
    }

    /** After a reconnect: the readings sent within the replay window go again, before the unsent ones. */
    synchronized void replay() {
        List<Reading> again = new ArrayList<>(sent);
        sent.clear();
        for (int i = again.size() - 1; i >= 0; i--) {
            unsent.addFirst(again.get(i));
        }
    }

    /** Readings not yet sent. */
    synchronized int waiting() {
        return unsent.size();
    }

    /** Points held, sent ones of the replay window included. */
    synchronized int points() {
        return points;
    }

    /** Readings dropped unsent because the buffer was full. */
    synchronized long droppedReadings() {
        return droppedReadings;
    }

    /** Points dropped unsent because the buffer was full. */
    synchronized long droppedPoints() {
        return droppedPoints;
    }
}
