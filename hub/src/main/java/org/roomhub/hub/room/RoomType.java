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

    /** Builds the room object; runs on the room's thread and may read storage. */
    RoomObject create(RoomContext context);

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
