package org.roomhub.hub.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The baseline of issue 12: the plainest Jetty 12 WebSocket broadcast server a Java user would write
 * instead of the hub. One endpoint on every path, every text frame sent to every open session with
 * {@code sendText}; no rooms, storage, limits, JSON or sequence numbers. Run in its own JVM by
 * {@link BaselineProcess}: {@code java -cp <test class path> org.roomhub.hub.bench.BaselineServer [port]}.
 */
public final class BaselineServer {

    static final String LISTENING = "Baseline listening on port ";

    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    /** One instance per connection, as a user writes it (public: Jetty binds its methods by reflection). */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final Set<Session> sessions;
        private Session session;

        Endpoint(Set<Session> sessions) {
            this.sessions = sessions;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            sessions.add(session);
        }

        @Override
        public void onWebSocketText(String message) {
            for (Session s : sessions) {
                if (s.isOpen()) {
                    s.sendText(message, Callback.NOOP);
                }
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            sessions.remove(session);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            sessions.remove(session);
        }
    }

    /** Starts the server on 127.0.0.1 and prints {@value #LISTENING} with the bound port. */
    public static void main(String[] args) throws Exception {
        BaselineServer baseline = new BaselineServer();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server,
                container -> container.addMapping("/*", (request, response, callback) -> new Endpoint(baseline.sessions))));
        server.start();
        System.out.println(LISTENING + connector.getLocalPort());
        server.join();
    }
}
