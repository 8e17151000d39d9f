package org.roomhub.hub.transport;

import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;

/**
 * When a batch of whole text frames may go straight to the connection's frame flusher
 * ({@link WebSocketConnection#enqueueFrame}) instead of through {@link CoreSession#sendFrame}. The
 * session's layers (a serialising flusher, a fragmenter, the extension chain, outgoing-state checks,
 * two entry copies and two callback wrappers per frame) do nothing for a whole unmasked text frame of a
 * server without extensions, yet were a third of the writer threads' samples in the fan-out profile.
 * What they check still holds: the caller checks the output is open before each batch, every frame is
 * a whole text frame, and the flusher refuses frames once a close is queued (their callback fails).
 */
final class DirectFrames {

    private DirectFrames() {
    }

    /**
     * The connection to hand the first {@code n} frames of {@code batch} to, or null to go through the
     * session: when an extension was negotiated (it may compress), or a frame is larger than the
     * session fragments at. A batch takes one path, so its frames stay in order.
     */
    static WebSocketConnection connection(CoreSession core, OutboundQueue.Entry[] batch, int n) {
        if (!(core instanceof WebSocketCoreSession session) || session.getExtensionStack().hasNegotiatedExtensions()) {
            return null;
        }
        long fragmentAt = session.isAutoFragment() && session.getMaxFrameSize() > 0 ? session.getMaxFrameSize() : Long.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            if (batch[i].frame().byteLength() > fragmentAt) {
                return null;
            }
        }
        return session.getConnection();
    }
}
