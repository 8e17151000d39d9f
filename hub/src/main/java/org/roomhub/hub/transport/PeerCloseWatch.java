package org.roomhub.hub.transport;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

/**
 * Notices a peer that closes (FIN) or resets an HTTP stream the hub only writes to, such as an SSE
 * stream, without waiting for the next heartbeat write to fail. Jetty does not read a connection
 * while its response is still being written, so this asks the connection's endpoint to say when it
 * is readable: end of stream or an error means the peer is gone. A client sends nothing more on an
 * SSE stream, so any bytes that do arrive are read and ignored.
 */
final class PeerCloseWatch {

    private PeerCloseWatch() {}

    /** Runs {@code gone} once the peer of {@code request}'s connection closes; false when it cannot watch. */
    static boolean watch(HttpServletRequest request, Runnable gone) {
        EndPoint endPoint;
        try {
            endPoint = ServletContextRequest.getServletContextRequest(request).getConnectionMetaData().getConnection().getEndPoint();
        } catch (RuntimeException notJetty) {
            return false;
        }
        return arm(endPoint, gone);
    }

    private static boolean arm(EndPoint endPoint, Runnable gone) {
        return endPoint.tryFillInterested(Callback.from(() -> readable(endPoint, gone), failure -> gone.run()));
    }

    private static void readable(EndPoint endPoint, Runnable gone) {
        ByteBuffer discard = ByteBuffer.allocate(512);
        try {
            while (true) {
                discard.clear().flip(); // Jetty fills from the limit: an empty buffer in flush mode
                int n = endPoint.fill(discard);
                if (n < 0) {
                    gone.run();
                    return;
                }
                if (n == 0) {
                    if (!arm(endPoint, gone) && !endPoint.isOpen()) {
                        gone.run();
                    }
                    return;
                }
            }
        } catch (IOException e) {
            gone.run();
        }
    }
}
