package org.roomhub.hub.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * What a room's code (and the host on its behalf) sends during an event: frames to one session,
 * broadcasts numbered by the room's seq (stored with the event, logged for resume), closes and
 * timers. Everything goes into the current event's {@link Effects}; the output gate sends it.
 */
final class RoomOutput {

    private static final String SEQ_KEY = "h:seq";

    private final FrameCodec codec;
    private final SessionTable sessions;
    private final ResumeLog log;
    private final Supplier<Effects> current;
    private final Supplier<RoomObject> room;
    private volatile long seq;
    /** Made on first use, dropped on eviction: a hibernated room holds none. */
    private ServerFrame[] recentFrames;
    private EncodedFrame[] recentEncoded;
    private long[] recentUse;
    private long uses;

    RoomOutput(FrameCodec codec, RoomStore data, SessionTable sessions, ResumeLog log, Supplier<Effects> current,
            Supplier<RoomObject> room) {
        this.codec = codec;
        this.sessions = sessions;
        this.log = log;
        this.current = current;
        this.room = room;
        long stored = data.get(SEQ_KEY).map(b -> Long.parseLong(new String(b, StandardCharsets.UTF_8))).orElse(0L);
        // A durable log's newest frame carries the seq of the last broadcast, written in that broadcast's own commit;
        // h:seq is then not written per broadcast (older stores still hold it: the larger one wins).
        this.seq = Math.max(stored, log.lastStoredSeq());
    }

    /** The latest broadcast sequence number. */
    long seq() {
        return seq;
    }

    /** Undoes the seq of broadcasts of an event that threw (their frames died with it). */
    void rollback(long seqBefore) {
        seq = seqBefore;
    }

    /** A frame from room code to one session; broadcast frames may not be sent this way. */
    void sendFromRoom(ClientSession session, ServerFrame frame) {
        if (frame instanceof ServerFrame.Broadcast) {
            // A seq names exactly one broadcast frame; a copy for one client would name a second frame.
            throw new IllegalArgumentException(FrameCodec.typeName(frame) + " carries a seq: broadcast it, or send its welcome form");
        }
        sendTo(session, frame);
    }

    void closeFromRoom(ClientSession session, int code, String reason) {
        current.get().close(session, code, reason);
    }

    void sendTo(ClientSession session, ServerFrame frame) {
        current.get().send(List.of(session), encodeOnce(frame), "room", false);
    }

    /**
     * The same frame instance sent again (a welcome's presence list or history reused for many joiners)
     * is encoded once: the last few encodings are kept by identity until the room object is evicted.
     * The least recently used one goes: a welcome's one-off frames ({@code connected}, the greeting)
     * then push out each other, never the reused ones (oldest-first evicted those every other join,
     * so a 1,000-name presence list was encoded once per two joiners).
     */
    private EncodedFrame encodeOnce(ServerFrame frame) {
        if (recentFrames == null) {
            recentFrames = new ServerFrame[4];
            recentEncoded = new EncodedFrame[4];
            recentUse = new long[4];
        }
        int eldest = 0;
        for (int i = 0; i < recentFrames.length; i++) {
            if (recentFrames[i] == frame) {
                recentUse[i] = ++uses;
                return recentEncoded[i];
            }
            if (recentUse[i] < recentUse[eldest]) {
                eldest = i;
            }
        }
        EncodedFrame encoded = codec.encode(frame);
        recentFrames[eldest] = frame;
        recentEncoded[eldest] = encoded;
        recentUse[eldest] = ++uses;
        return encoded;
    }

    /** The room object was evicted: its frames are not sent again. */
    void forgetEncoded() {
        recentFrames = null;
        recentEncoded = null;
        recentUse = null;
    }

    EncodedFrame broadcast(LongFunction<? extends ServerFrame.Broadcast> factory) {
        return broadcastExcept(null, factory);
    }

    /** Numbers, stores, logs and addresses one broadcast to every session the room wants to see it but {@code except}. */
    EncodedFrame broadcastExcept(ClientSession except, LongFunction<? extends ServerFrame.Broadcast> factory) {
        Effects effects = current.get();
        ServerFrame.Broadcast frame = factory.apply(seq + 1);
        if (frame.seq() != seq + 1) {
            throw new IllegalStateException("broadcast frame must carry the seq it was given");
        }
        seq = frame.seq();
        if (!log.storesSeq()) {
            effects.writes().put(SEQ_KEY, Long.toString(seq).getBytes(StandardCharsets.UTF_8));
        }
        EncodedFrame encoded = codec.encode(frame);
        log.record(effects, encoded);
        RoomObject r = room.get();
        List<ClientSession> targets = new ArrayList<>();
        for (ClientSession s : sessions.ordered()) {
            if (s != except && r.wants(s, frame)) {
                targets.add(s);
            }
        }
        effects.send(targets, encoded, "room", except == null);
        return encoded;
    }

    /** Replays to {@code session} what it missed after {@code since}; false when that is no longer held. */
    boolean replay(ClientSession session, long since) {
        return log.replay(session, since, seq, room.get(), current.get());
    }

    void runLater(Duration delay, Runnable task) {
        current.get().timers.add(new Effects.Timer(delay.toMillis(), task));
    }
}
