package org.roomhub.hub.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.roomhub.hub.transport.Outbound;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;

/**
 * Issue 9, item 8: an observer registered while rooms are busy misses nothing. Events published
 * while its {@code hello} is being built (here: from inside the read of the rooms, the moment a race
 * would lose them) reach it, after the {@code hello}.
 */
class ObserverRegistrationTest {

    private static final RoomAddress ROOM = new RoomAddress("chat", "busy");

    /** An outbound that records frame types. */
    private static final class Recorder implements Outbound {
        final List<String> types = new CopyOnWriteArrayList<>();

        @Override
        public String transport() {
            return "websocket";
        }

        @Override
        public void send(EncodedFrame frame) {
            types.add(frame.type());
        }

        @Override
        public void close(int code, String reason) {}
    }

    @Test
    void events_published_while_an_observer_is_registered_reach_it_after_its_hello() {
        ObserverHub hub = new ObserverHub(new FrameCodec(), () -> 1_000L);
        Recorder early = new Recorder();
        hub.add(early, List::of);
        Recorder late = new Recorder();
        hub.add(late, () -> {
            // Between reading the rooms and being registered is where a join used to go unseen.
            hub.stateChanged(ROOM, RoomState.HIBERNATING, RoomState.RESUMING, 1);
            hub.alarmFired(ROOM, 2);
            return List.of();
        });
        hub.stateChanged(ROOM, RoomState.RESUMING, RoomState.ACTIVE, 3);

        assertThat(late.types).containsExactly("hello", "room-state", "alarm", "room-state");
        assertThat(early.types).containsExactly("hello", "room-state", "alarm", "room-state");
    }
}
