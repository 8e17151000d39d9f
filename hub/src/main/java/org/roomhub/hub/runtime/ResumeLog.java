package org.roomhub.hub.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.roomhub.hub.room.RoomType.Retention;
import org.roomhub.protocol.EncodedFrame;

/**
 * A room's recent broadcast frames, for {@code resume}. Durable rooms keep them in storage
 * ({@code h:log:<seq>}), others in memory (dropped on hibernation). Touched only on the room's queue.
 */
final class ResumeLog {

    static final String KEY_PREFIX = "h:log:";

    private final Retention retention;
    private final ArrayDeque<EncodedFrame> memory = new ArrayDeque<>();

    ResumeLog(Retention retention) {
        this.retention = retention;
    }

    static String key(long seq) {
        return KEY_PREFIX + String.format("%019d", seq);
    }

    /** Adds this event's broadcasts to the effects (durable) or to memory (after commit). */
    void record(Effects effects, EncodedFrame frame) {
        effects.logged.add(frame);
        if (retention.durable()) {
            effects.put(key(frame.seq()), frame.text().getBytes(StandardCharsets.UTF_8));
            long old = frame.seq() - retention.frames();
            if (old > 0) {
                effects.delete(key(old));
            }
        }
    }

    /** Called once the event committed. */
    void committed(List<EncodedFrame> frames) {
        if (retention.durable()) {
            return;
        }
        for (EncodedFrame f : frames) {
            memory.addLast(f);
            if (memory.size() > retention.frames()) {
                memory.removeFirst();
            }
        }
    }

    /** Forgets the in-memory frames (hibernation, or a reset after a failure). */
    void dropMemory() {
        memory.clear();
    }

    /**
     * Every held frame with seq in (since, current], or empty when some are no longer held.
     * {@code decode} turns a stored text back into a frame for durable logs.
     */
    Optional<List<EncodedFrame>> since(long since, long current, RoomData data, java.util.function.Function<String, EncodedFrame> decode) {
        if (since == current) {
            return Optional.of(List.of());
        }
        if (since > current) {
            return Optional.empty();
        }
        List<EncodedFrame> out = new ArrayList<>();
        if (retention.durable()) {
            data.list(KEY_PREFIX, key(since + 1), null, 0, false)
                    .values().forEach(v -> out.add(decode.apply(new String(v, StandardCharsets.UTF_8))));
        } else {
            for (EncodedFrame f : memory) {
                if (f.seq() > since) {
                    out.add(f);
                }
            }
        }
        boolean complete = !out.isEmpty() && out.get(0).seq() == since + 1 && out.get(out.size() - 1).seq() == current;
        return complete ? Optional.of(out) : Optional.empty();
    }
}
