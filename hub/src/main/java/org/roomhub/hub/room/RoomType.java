package org.roomhub.hub.room;

import java.util.Set;
import org.roomhub.protocol.frame.ClientFrame;

/**
 * A kind of room, registered by name ({@code metrics}, {@code chat}, {@code map}, or more through
 * {@link java.util.ServiceLoader}). The hub creates a {@link RoomObject} from it on first use and
 * again each time the room wakes from hibernation.
 */
public interface RoomType {

    /** The type's name, the first part of a room's address. */
    String name();

    /** Client frames this room handles; others are answered {@code UNKNOWN_TYPE} without waking it. */
    Set<Class<? extends ClientFrame>> accepts();

    /** How the room's broadcast frames are held for {@code resume}. */
    default Retention retention() {
        return Retention.memory(1000);
    }

    /**
     * What happens when a client falls behind and its outbound queue is full: {@link Overflow#CLOSE}
     * (the default: nothing is dropped, the client is closed with 1013 and resumes) or
     * {@link Overflow#CONFLATE} (a newer value replaces a waiting one of the same subject).
     */
    default Overflow overflow() {
        return Overflow.CLOSE;
    }

    /** Builds the room object; runs on the room's thread and may read storage. */
    RoomObject create(RoomContext context);

    /** Slow-consumer policy of a room type. */
    enum Overflow {
        /** Never drop: close the consumer with 1013; it recovers with {@code resume}. */
        CLOSE,
        /** Latest value wins: a waiting {@code metric-updated} of the same name is replaced. */
        CONFLATE;

        /** The policy's name on the observer stream and in metrics. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * How many recent broadcast frames are held for resume, and whether they survive restarts.
     *
     * @param frames most frames held
     * @param durable whether they are kept in storage (else in memory, gone on hibernation)
     */
    record Retention(int frames, boolean durable) {
        /** Held in memory only. */
        public static Retention memory(int frames) {
            return new Retention(frames, false);
        }

        /** Held in storage; survives hibernation and restarts. */
        public static Retention durable(int frames) {
            return new Retention(frames, true);
        }
    }
}
