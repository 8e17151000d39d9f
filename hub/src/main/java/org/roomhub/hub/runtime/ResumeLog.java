package org.roomhub.hub.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomType.Retention;
import org.roomhub.hub.storage.ListOptions;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * A room's recent broadcast frames, and the resume that replays them. Durable rooms keep them in
 * storage ({@code h:log:<seq>}), others in memory (dropped on hibernation). Durable rooms also keep
 * their last {@value #TAIL} frames in memory, so a resume that arrives while the room is still writing
 * gets every frame after {@code since}, in-flight ones included, even from a store that shows a write
 * only once it is durable (the replays leave through the output gate, after those writes anyway).
 * Touched only on the room's queue.
 */
final class ResumeLog {

    static final String KEY_PREFIX = "h:log:";
    /** Frames of a durable room also kept in memory: the ones a store may not show yet. */
    static final int TAIL = 256;

    private final Retention retention;
    private final RoomStore data;
    private final FrameCodec codec;
    /** Made on the first frame kept in memory and dropped with it: a hibernated room holds none. */
    private ArrayDeque<EncodedFrame> memory;

    ResumeLog(Retention retention, RoomStore data, FrameCodec codec) {
        this.retention = retention;
        this.data = data;
        this.codec = codec;
    }

    static String key(long seq) {
        // As KEY_PREFIX + %019d, without a Formatter (two keys per broadcast of a durable room).
        String digits = Long.toString(seq);
        if (seq < 0) {
            return KEY_PREFIX + String.format("%019d", seq);
        }
        return new StringBuilder(KEY_PREFIX.length() + 19).append(KEY_PREFIX)
                .append("0000000000000000000", 0, 19 - digits.length()).append(digits).toString();
    }

    /** Whether every broadcast's seq is stored with it (as its log key), so the seq needs no key of its own. */
    boolean storesSeq() {
        return retention.durable() && retention.frames() > 0;
    }

    /** The seq of the newest stored frame, 0 when none (or the log is not stored). */
    long lastStoredSeq() {
        if (!storesSeq()) {
            return 0;
        }
        var last = data.list(ListOptions.withPrefix(KEY_PREFIX).reverse(true).limit(1));
        return last.isEmpty() ? 0 : Long.parseLong(last.firstKey().substring(KEY_PREFIX.length()));
    }

    /** Adds this event's broadcasts to the effects (durable) or to memory (after commit). */
    void record(Effects effects, EncodedFrame frame) {
        effects.logged.add(frame);
        if (retention.durable()) {
            effects.writes().put(key(frame.seq()), frame.bytes());
            long old = frame.seq() - retention.frames();
            if (old > 0) {
                effects.writes().delete(key(old));
            }
        }
    }

    /** Called once the event committed. */
    void committed(List<EncodedFrame> frames) {
        int keep = retention.durable() ? Math.min(TAIL, retention.frames()) : retention.frames();
        if (memory == null && !frames.isEmpty()) {
            memory = new ArrayDeque<>();
        }
        for (EncodedFrame f : frames) {
            memory.addLast(f);
            if (memory.size() > keep) {
                memory.removeFirst();
            }
        }
    }

    /** Forgets the in-memory frames (hibernation, or a reset after a failure). */
    void dropMemory() {
        memory = null;
    }

    /**
     * Queues for {@code session} every frame after {@code since} that the room wants it to see, as
     * replays in {@code effects}; false (nothing queued) when some are no longer held.
     */
    boolean replay(ClientSession session, long since, long current, RoomObject room, Effects effects) {
        Optional<List<EncodedFrame>> missed = since(since, current);
        if (missed.isEmpty()) {
            return false;
        }
        for (EncodedFrame f : missed.get()) {
            Decoded<ServerFrame> decoded = codec.decodeServer(f.text());
            if (decoded instanceof Decoded.Ok<ServerFrame> ok && ok.frame() instanceof ServerFrame.Broadcast b
                    && !room.wants(session, b)) {
                continue;
            }
            effects.replay(session, f);
        }
        return true;
    }

    /** Every held frame with seq in (since, current], or empty when some are no longer held. */
    private Optional<List<EncodedFrame>> since(long since, long current) {
        if (since == current) {
            return Optional.of(List.of());
        }
        if (since > current) {
            return Optional.empty();
        }
        List<EncodedFrame> out = new ArrayList<>();
        if (retention.durable()) {
            data.list(ListOptions.withPrefix(KEY_PREFIX).start(key(since + 1)))
                    .values().forEach(v -> out.add(reencode(new String(v, StandardCharsets.UTF_8))));
        }
        // The memory tail: all of a memory room's log; for a durable room, what the store may not show yet.
        for (EncodedFrame f : memory == null ? List.<EncodedFrame>of() : memory) {
            long after = out.isEmpty() ? since : out.get(out.size() - 1).seq();
            if (f.seq() > after) {
                out.add(f);
            }
        }
        boolean complete = !out.isEmpty() && out.get(0).seq() == since + 1 && out.get(out.size() - 1).seq() == current;
        for (int i = 1; complete && i < out.size(); i++) {
            complete = out.get(i).seq() == out.get(i - 1).seq() + 1; // no hole between the store and the tail
        }
        return complete ? Optional.of(out) : Optional.empty();
    }

    private EncodedFrame reencode(String text) {
        Decoded<ServerFrame> decoded = codec.decodeServer(text);
        if (decoded instanceof Decoded.Ok<ServerFrame> ok) {
            return codec.encode(ok.frame());
        }
        throw new IllegalStateException("stored frame of the resume log is unreadable: " + text);
    }
}
