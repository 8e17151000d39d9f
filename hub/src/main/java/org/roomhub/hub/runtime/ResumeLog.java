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
 * storage, one slot per frame overwritten in place ({@code h:slot:<seq mod frames>}, see {@link #slotKey}),
 * others in memory (dropped on hibernation). Durable rooms also keep their last {@value #TAIL} frames in
 * memory, so a resume that arrives while the room is still writing gets every frame after {@code since},
 * in-flight ones included, even from a store that shows a write only once it is durable (the replays leave
 * through the output gate, after those writes anyway). Touched only on the room's queue.
 */
final class ResumeLog {

    /**
     * The layout before slots: one key per frame, {@code h:log:<seq>}, the one {@code frames} older deleted
     * with each broadcast. A store written so is still read, and its keys are still deleted the same way until
     * none is left.
     */
    static final String LEGACY_PREFIX = "h:log:";
    static final String SLOT_PREFIX = "h:slot:";
    /** Frames of a durable room also kept in memory: the ones a store may not show yet. */
    static final int TAIL = 256;

    private final Retention retention;
    private final RoomStore data;
    private final FrameCodec codec;
    /** Made on the first frame kept in memory and dropped with it: a hibernated room holds none. */
    private ArrayDeque<EncodedFrame> memory;
    /** The seq of the newest frame under a {@link #LEGACY_PREFIX} key, 0 when none; -1 until read. */
    private long legacyLast = -1;
    /** Digits of the highest slot number: slot keys are padded to it so they sort in number order. */
    private final int slotDigits;

    ResumeLog(Retention retention, RoomStore data, FrameCodec codec) {
        this.retention = retention;
        this.data = data;
        this.codec = codec;
        this.slotDigits = Integer.toString(Math.max(0, retention.frames() - 1)).length();
    }

    /** The key of a frame in the layout before slots (as {@link #LEGACY_PREFIX} + %019d). */
    static String legacyKey(long seq) {
        // Without a Formatter: it ran for two keys per broadcast of a durable room.
        String digits = Long.toString(seq);
        if (seq < 0) {
            return LEGACY_PREFIX + String.format("%019d", seq);
        }
        return new StringBuilder(LEGACY_PREFIX.length() + 19).append(LEGACY_PREFIX)
                .append("0000000000000000000", 0, 19 - digits.length()).append(digits).toString();
    }

    /**
     * The slot of frame {@code seq}: {@code seq mod frames}, padded so slots sort in number order. A broadcast
     * overwrites the slot of the frame {@code frames} older, so the store holds a fixed set of keys (a chat
     * message costs one put here, not a put of a new key and a delete of an old one: the storage applier then
     * rewrites the same B-tree entries round after round instead of inserting and removing keys). The slots do
     * not order the frames: each frame's own seq does ({@link #lastStoredSeq} finds the newest).
     */
    String slotKey(long seq) {
        String slot = Integer.toString((int) Math.floorMod(seq, (long) retention.frames()));
        return new StringBuilder(SLOT_PREFIX.length() + slotDigits).append(SLOT_PREFIX)
                .append("0000000000", 0, slotDigits - slot.length()).append(slot).toString();
    }

    /** Whether every broadcast's seq is stored with it (in its frame, in its slot), so the seq needs no key of its own. */
    boolean storesSeq() {
        return retention.durable() && retention.frames() > 0;
    }

    /** The seq of the newest stored frame, 0 when none (or the log is not stored). */
    long lastStoredSeq() {
        return storesSeq() ? Math.max(legacyLast(), newestSlotSeq()) : 0;
    }

    /**
     * The seq of the newest frame a store written before slots holds under its own key, 0 when none (or the log
     * is not stored). Read once: no such key is written any more.
     */
    private long legacyLast() {
        if (legacyLast < 0) {
            legacyLast = 0;
            if (storesSeq()) {
                var last = data.keys(ListOptions.withPrefix(LEGACY_PREFIX).reverse(true).limit(1));
                legacyLast = last.isEmpty() ? 0 : Long.parseLong(last.get(0).substring(LEGACY_PREFIX.length()));
            }
        }
        return legacyLast;
    }

    /**
     * The seq of the newest frame in the slots, 0 when none. Seqs are slotted one after another: when slot 0 is
     * empty the slots in use have not wrapped (the last slot in key order is the newest); otherwise, if slot 0
     * holds seq s, slot i holds s + i up to the newest and, after it, nothing or a frame a lap older: a binary
     * search over a few slots.
     */
    private long newestSlotSeq() {
        long first = seqIn(slotKey(0));
        if (first < 0) {
            List<String> last = data.keys(ListOptions.withPrefix(SLOT_PREFIX).reverse(true).limit(1));
            return last.isEmpty() ? 0 : seqIn(last.get(0));
        }
        int lo = 0; // slot of the newest frame: at lo or after
        int hi = retention.frames() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (seqIn(slotKey(mid)) == first + mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return first + lo;
    }

    /** The seq of the frame stored under {@code key}, -1 when none. */
    private long seqIn(String key) {
        return data.get(key).map(v -> {
            String text = new String(v, StandardCharsets.UTF_8);
            if (codec.decodeServer(text) instanceof Decoded.Ok<ServerFrame> ok && ok.frame() instanceof ServerFrame.Broadcast b) {
                return b.seq();
            }
            throw new IllegalStateException("stored frame of the resume log is unreadable: " + text);
        }).orElse(-1L);
    }

    /** Adds this event's broadcasts to the effects (durable) or to memory (after commit). */
    void record(Effects effects, EncodedFrame frame) {
        effects.logged.add(frame);
        if (storesSeq()) { // a durable room type keeping no frames stores none
            effects.writes().put(slotKey(frame.seq()), frame.bytes());
            long old = frame.seq() - retention.frames();
            if (old > 0 && old <= legacyLast()) {
                effects.writes().delete(legacyKey(old)); // a store written before slots, as it trimmed itself
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
    Optional<List<EncodedFrame>> since(long since, long current) {
        if (since == current) {
            return Optional.of(List.of());
        }
        if (since > current) {
            return Optional.empty();
        }
        List<EncodedFrame> out = new ArrayList<>();
        if (storesSeq()) {
            stored(since, current, out);
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

    /** Adds the stored frames with seq in (since, current], in order: a store's older keys, then the slots. */
    private void stored(long since, long current, List<EncodedFrame> out) {
        if (since < legacyLast()) {
            data.list(ListOptions.withPrefix(LEGACY_PREFIX).start(legacyKey(since + 1)))
                    .values().forEach(v -> out.add(reencode(new String(v, StandardCharsets.UTF_8))));
        }
        int frames = retention.frames();
        // Only the last `frames` seqs can be in their slots; a slot may still show the frame `frames` older
        // (a write the store does not show yet), which the seq check drops.
        long from = Math.max(Math.max(since, legacyLast()), current - frames) + 1;
        if (from > current) {
            return;
        }
        java.util.TreeMap<Long, EncodedFrame> bySeq = new java.util.TreeMap<>();
        long fromSlot = Math.floorMod(from, (long) frames);
        long toSlot = Math.floorMod(current, (long) frames);
        if (fromSlot <= toSlot) {
            readSlots(from, toSlot + 1 == frames ? null : slotKey(current + 1), bySeq);
        } else {
            readSlots(from, null, bySeq); // from its slot to the last one, then from the first slot on
            readSlots(current - toSlot, slotKey(current + 1), bySeq);
        }
        bySeq.subMap(from, true, current, true).values().forEach(out::add);
    }

    /** Reads the slots from that of {@code seq} up to {@code endKey} (exclusive; null: to the last slot). */
    private void readSlots(long seq, String endKey, java.util.Map<Long, EncodedFrame> bySeq) {
        data.list(ListOptions.withPrefix(SLOT_PREFIX).start(slotKey(seq)).end(endKey)).values().forEach(v -> {
            EncodedFrame f = reencode(new String(v, StandardCharsets.UTF_8));
            bySeq.put(f.seq(), f);
        });
    }

    private EncodedFrame reencode(String text) {
        Decoded<ServerFrame> decoded = codec.decodeServer(text);
        if (decoded instanceof Decoded.Ok<ServerFrame> ok) {
            return codec.encode(ok.frame());
        }
        throw new IllegalStateException("stored frame of the resume log is unreadable: " + text);
    }
}
