package org.roomhub.hub.rooms.chat;

import java.util.Set;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomType;
import org.roomhub.protocol.frame.ClientFrame;

/** The {@code chat} room type. Its broadcasts are held durably: chat frames are never dropped. */
public final class ChatRoomType implements RoomType {

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public Set<Class<? extends ClientFrame>> accepts() {
        return Set.of(ClientFrame.ChatMessage.class, ClientFrame.SetName.class, ClientFrame.Direct.class);
    }

    @Override
    public Retention retention() {
        return Retention.durable(1000);
    }

    @Override
    public RoomObject create(RoomContext context) {
        return new ChatRoom(context);
    }
}
