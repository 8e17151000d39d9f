package org.roomhub.hub.runtime;

import java.util.ArrayList;
import java.util.List;
import org.roomhub.hub.storage.WriteSet;
import org.roomhub.protocol.EncodedFrame;

/**
 * What one event of a room did, held back until the event ends: its {@link WriteSet} (read through
 * by the event's own reads), frames to send, new resume-log entries and timers. Applied together
 * when the event succeeds, dropped when it throws — the output gate's unit of work.
 */
final class Effects {

    /** A frame for some sessions, or a close. */
    record Delivery(List<ClientSession> targets, EncodedFrame frame, String from, boolean broadcast,
            int closeCode, String closeReason, boolean replay) {
        boolean isClose() {
            return frame == null;
        }
    }

    /** A task to run later as a room event. */
    record Timer(long delayMillis, Runnable task) {}

    private final WriteSet writes = new WriteSet();
    final List<Delivery> deliveries = new ArrayList<>();
    final List<EncodedFrame> logged = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();

    /** The event's storage writes. */
    WriteSet writes() {
        return writes;
    }

    void send(List<ClientSession> targets, EncodedFrame frame, String from, boolean broadcast) {
        if (!targets.isEmpty() || broadcast) {
            deliveries.add(new Delivery(List.copyOf(targets), frame, from, broadcast, 0, null, false));
        }
    }

    /** A frame resent to one session for its resume. */
    void replay(ClientSession session, EncodedFrame frame) {
        deliveries.add(new Delivery(List.of(session), frame, "room", false, 0, null, true));
    }

    void close(ClientSession session, int code, String reason) {
        deliveries.add(new Delivery(List.of(session), null, null, false, code, reason, false));
    }

    boolean wroteNothing() {
        return writes.isEmpty();
    }
}
