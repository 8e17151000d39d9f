package org.roomhub.hub.rooms.map;

import java.util.Set;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomType;
import org.roomhub.protocol.frame.ClientFrame;

/** The {@code map} room type. */
public final class MapRoomType implements RoomType {

    @Override
    public String name() {
        return "map";
    }

    @Override
    public Set<Class<? extends ClientFrame>> accepts() {
        return Set.of(ClientFrame.SetPin.class, ClientFrame.RemovePin.class, ClientFrame.AddWaypoint.class,
                ClientFrame.ClearRoute.class, ClientFrame.SaveSnapshot.class, ClientFrame.RestoreSnapshot.class,
                ClientFrame.DeleteSnapshot.class);
    }

    @Override
    public RoomObject create(RoomContext context) {
        return new MapRoom(context);
    }
}
