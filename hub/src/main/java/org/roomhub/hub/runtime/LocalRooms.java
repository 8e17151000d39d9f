package org.roomhub.hub.runtime;

import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.RoomPort;
import org.roomhub.hub.runtime.seam.SessionLeft;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The host's side of the seam in one process: each call goes to the room's {@link RoomHost}, which
 * queues it as a room event. A cluster puts a network client in this place.
 */
final class LocalRooms implements RoomPort {

    private final RoomRegistry registry;

    LocalRooms(RoomRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void ensure(RoomAddress room) {
        registry.open(room);
    }

    @Override
    public void open(SessionOpen open) {
        registry.open(open.room()).events().open(open);
    }

    @Override
    public void deliver(ClientMessage message) {
        registry.find(message.room()).ifPresent(h -> h.events().receive(message));
    }

    @Override
    public void left(SessionLeft left) {
        registry.find(left.room()).ifPresent(h -> h.events().left(left));
    }

    @Override
    public void failed(RoomAddress room, String sessionId, Throwable error) {
        registry.find(room).ifPresent(h -> h.events().failed(sessionId, error));
    }
}
