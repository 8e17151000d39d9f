package org.roomhub.hub.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.roomhub.protocol.EncodedFrame;

/**
 * What one event of a room did, held back until the event ends: storage writes (with
 * read-your-writes), frames to send, new resume-log entries, alarm and timer changes. Applied
 * together when the event succeeds, dropped when it throws — the output gate's unit of work.
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

    static final byte[] TOMBSTONE = new byte[0];

    final Map<String, byte[]> writes = new LinkedHashMap<>();
    final List<Delivery> deliveries = new ArrayList<>();
    final List<EncodedFrame> logged = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();
    OptionalLong alarm;
    boolean alarmChanged;

    /** The overlay's view of a key: empty when untouched, a tombstone when deleted. */
    Optional<byte[]> pending(String key) {
        return Optional.ofNullable(writes.get(key));
    }

    void put(String key, byte[] value) {
        writes.put(key, value);
    }

    void delete(String key) {
        writes.put(key, TOMBSTONE);
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

    void setAlarm(OptionalLong at) {
        alarm = at;
        alarmChanged = true;
    }

    boolean wroteNothing() {
        return writes.isEmpty() && !alarmChanged;
    }
}
