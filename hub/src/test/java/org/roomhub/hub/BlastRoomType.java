package org.roomhub.hub;

import java.util.Set;
import org.roomhub.hub.room.Connection;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomType;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * A room type for backpressure tests: {@code chat-message} text {@code N:label} broadcasts N large
 * {@code chat-message} frames (4000 chars each), the last one with text {@code label}. Frames are held
 * in memory for resume, so blasting costs no storage writes.
 */
final class BlastRoomType implements RoomType {

    static final String FILLER = "x".repeat(3990);

    @Override
    public String name() {
        return "blast";
    }

    @Override
    public Set<Class<? extends ClientFrame>> accepts() {
        return Set.of(ClientFrame.ChatMessage.class);
    }

    @Override
    public Retention retention() {
        return Retention.memory(100_000);
    }

    @Override
    public RoomObject create(RoomContext ctx) {
        return new RoomObject() {
            @Override
            public void welcome(Connection c) {}

            @Override
            public void onMessage(Connection c, ClientFrame frame) {
                String[] parts = ((ClientFrame.ChatMessage) frame).text().split(":", 2);
                int n = Integer.parseInt(parts[0]);
                for (int i = 0; i < n; i++) {
                    String text = i == n - 1 ? parts[1] : FILLER;
                    ctx.broadcast(seq -> new ServerFrame.ChatMessage(Long.toString(seq), c.user(), c.sessionId(), text,
                            ctx.clock().millis(), seq));
                }
            }
        };
    }
}
