package org.roomhub.hub.cluster.route;

import java.util.function.BooleanSupplier;
import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.hub.runtime.seam.RoomPort;
import org.roomhub.hub.runtime.seam.SessionLeft;
import org.roomhub.hub.runtime.seam.SessionOpen;
import org.roomhub.hub.runtime.seam.SessionPort;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * On the edge, in front of the routing: a member without a cluster majority refuses joins and writes
 * itself, as {@link HostRooms} does for the rooms it hosts. Without it, on a member cut off from the
 * others, a write for a room hosted across the split was handed to the {@link Link}, which drops
 * messages for members out of view: the client never heard of it ({@code ClusterSplitTest}).
 */
final class MinorityRefusal implements RoomPort {

    static final String WRITE = "no quorum: this member cannot reach a majority of the cluster; the frame was not applied";
    static final String JOIN = "no quorum: this member cannot reach a majority of the cluster; try another member";

    private final RoomPort rooms;
    private final SessionPort edge;
    private final FrameCodec codec;
    private final BooleanSupplier quorum;

    MinorityRefusal(RoomPort rooms, SessionPort edge, FrameCodec codec, BooleanSupplier quorum) {
        this.rooms = rooms;
        this.edge = edge;
        this.codec = codec;
        this.quorum = quorum;
    }

    @Override
    public void ensure(RoomAddress room) {
        rooms.ensure(room);
    }

    @Override
    public void open(SessionOpen open) {
        if (quorum.getAsBoolean()) {
            rooms.open(open);
        } else {
            // Never opened past here, so its later left() finds nothing to tell.
            refuse(edge, codec, open.sessionId(), JOIN);
            edge.close(open.sessionId(), 1013, "no cluster majority here; try another member");
        }
    }

    @Override
    public void deliver(ClientMessage message) {
        if (quorum.getAsBoolean() || HostRooms.isRead(message.frame())) {
            rooms.deliver(message);
        } else {
            refuse(edge, codec, message.sessionId(), WRITE);
        }
    }

    @Override
    public void left(SessionLeft left) {
        rooms.left(left);
    }

    @Override
    public void failed(RoomAddress room, String sessionId, Throwable error) {
        rooms.failed(room, sessionId, error);
    }

    static void refuse(SessionPort to, FrameCodec codec, String sessionId, String message) {
        to.send(Outgoing.to(sessionId, codec.encode(new ServerFrame.Error(ErrorCode.INTERNAL, message, System.currentTimeMillis()))));
    }
}
