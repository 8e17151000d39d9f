package org.roomhub.client.net;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * One session in one room, over any {@link TransportKind}. Remembers the highest broadcast
 * {@code seq} among the frames its transport decoded, which the transport resumes from after a drop, so nothing broadcast
 * in between is missed.
 */
public final class RoomConnection implements AutoCloseable {

    private final RoomAddress room;
    private final FrameCodec codec;
    private final RoomListener listener;
    private final AtomicLong lastSeq = new AtomicLong();
    private final TransportKind kind;
    private final RoomTransport link;
    private final Consumer<RoomConnection> onClose;
    private final Supplier<String> displayName;
    private volatile String sessionId;
    private volatile String user;

    /** {@code onClose} is told when the owner closes this connection for good. */
    RoomConnection(NetResources net, RoomAddress room, Supplier<String> displayName, TransportKind kind, RoomListener listener,
            Consumer<RoomConnection> onClose) {
        this.onClose = onClose;
        this.displayName = displayName;
        this.room = room;
        this.kind = kind;
        this.codec = net.codec();
        this.listener = listener;
        this.link = TransportFactory.room(kind, net, room, displayName, lastSeq::get, new LinkListener<>() {
            @Override
            public void onFrame(ServerFrame frame) {
                receive(frame);
            }

            @Override
            public void onState(ConnectionState state, String detail) {
                listener.onStateChanged(state, detail);
            }
        });
    }

    void open() {
        link.open();
    }

    /** How this session reaches the room. */
    public TransportKind transport() {
        return kind;
    }

    /** Sends a frame; false when the connection is down at the moment. */
    public boolean send(ClientFrame frame) {
        return link.send(codec.write(frame));
    }

    /** The room this session is in. */
    public RoomAddress room() {
        return room;
    }

    /** The session id the hub gave on the last {@code connected}, or null before. */
    public String sessionId() {
        return sessionId;
    }

    /** The display name the hub gave this session, or null before it connected. */
    public String user() {
        return user;
    }

    /** Highest broadcast {@code seq} received. */
    public long lastSeq() {
        return lastSeq.get();
    }

    /** Current state. */
    public ConnectionState state() {
        return link.state();
    }

    /** Simulates a network failure: the link is aborted and the connection resumes by itself. */
    public void simulateDrop() {
        link.dropForTest();
    }

    /** The name this session asks the hub for on its next (re)connect. */
    public String requestedName() {
        return displayName.get();
    }

    /** Leaves the room for good. */
    @Override
    public void close() {
        onClose.accept(this);
        link.close();
    }

    private void receive(ServerFrame frame) {
        if (frame instanceof ServerFrame.Connected c) {
            sessionId = c.sessionId();
            user = c.user();
            lastSeq.accumulateAndGet(0, Math::max);
        } else if (frame instanceof ServerFrame.Reset r) {
            lastSeq.set(r.asOf()); // the fresh snapshot that follows is as of this seq: resume from it next time
        } else if (frame instanceof ServerFrame.Broadcast b) {
            lastSeq.accumulateAndGet(b.seq(), Math::max);
        }
        listener.onFrame(frame);
    }
}
