package org.roomhub.hub.transport;

import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.roomhub.hub.runtime.Outbound;
import org.roomhub.protocol.EncodedFrame;

/**
 * Sends frames on a Jetty WebSocket without blocking. Tracks bytes not yet written; a consumer that
 * lets more than {@code maxPendingBytes} pile up is closed with 1013 and recovers with {@code resume}.
 */
final class WebSocketOutbound implements Outbound {

    /** Close code for "try again later": the consumer was too slow. */
    static final int TRY_AGAIN_LATER = 1013;

    private final Session session;
    private final long maxPendingBytes;
    private final AtomicLong pending = new AtomicLong();

    WebSocketOutbound(Session session, long maxPendingBytes) {
        this.session = session;
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public String transport() {
        return "websocket";
    }

    @Override
    public void send(EncodedFrame frame) {
        if (!session.isOpen()) {
            return;
        }
        int bytes = frame.byteLength();
        if (pending.addAndGet(bytes) > maxPendingBytes) {
            close(TRY_AGAIN_LATER, "consumer too slow; reconnect and resume");
            return;
        }
        session.sendText(frame.text(), Callback.from(() -> pending.addAndGet(-bytes), e -> pending.addAndGet(-bytes)));
    }

    @Override
    public void close(int code, String reason) {
        if (session.isOpen()) {
            session.close(code, reason, Callback.NOOP);
        }
    }
}
