package org.roomhub.hub.runtime;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.roomhub.protocol.value.RoomState;

/**
 * A room's lifecycle state with the transitions each state allows. Anything else is a bug and
 * throws. Only touched from the room's serial queue.
 */
final class Lifecycle {

    private static final Map<RoomState, Set<RoomState>> ALLOWED = Map.of(
            RoomState.RESUMING, EnumSet.of(RoomState.ACTIVE, RoomState.HIBERNATING),
            RoomState.ACTIVE, EnumSet.of(RoomState.IDLE, RoomState.HIBERNATING, RoomState.RESUMING),
            RoomState.IDLE, EnumSet.of(RoomState.ACTIVE, RoomState.HIBERNATING, RoomState.RESUMING),
            RoomState.HIBERNATING, EnumSet.of(RoomState.RESUMING));

    /** Listens to transitions. */
    interface Listener {
        void changed(RoomState from, RoomState to, long atMillis);
    }

    private volatile RoomState state = RoomState.HIBERNATING;
    private final Listener listener;

    Lifecycle(Listener listener) {
        this.listener = listener;
    }

    RoomState state() {
        return state;
    }

    boolean is(RoomState s) {
        return state == s;
    }

    void moveTo(RoomState to, long atMillis) {
        RoomState from = state;
        if (from == to) {
            return;
        }
        if (!ALLOWED.get(from).contains(to)) {
            throw new IllegalStateException("room cannot go from " + from.wireName() + " to " + to.wireName());
        }
        state = to;
        listener.changed(from, to, atMillis);
    }
}
