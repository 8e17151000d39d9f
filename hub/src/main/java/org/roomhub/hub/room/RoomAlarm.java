package org.roomhub.hub.room;

import java.util.OptionalLong;

/** A room's one alarm: stored, it fires even while the room hibernates and after a restart. */
public interface RoomAlarm {

    /** When the alarm is set to fire, epoch ms. */
    OptionalLong get();

    /** Sets (or moves) the alarm. */
    void set(long epochMillis);

    /** Cancels the alarm. */
    void delete();
}
