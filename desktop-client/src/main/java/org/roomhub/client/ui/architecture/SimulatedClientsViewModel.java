package org.roomhub.client.ui.architecture;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javafx.collections.ObservableList;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The part of the architecture view-model that runs the clients "Add client" opens: real connections from this app, through which Send and
 * Broadcast act. FX thread.
 */
final class SimulatedClientsViewModel {

    private static final String ADD_FIRST = "Add a client first: Send and Broadcast act through a client this app opened";

    private final Executor ui;
    private final LongSupplier clock;
    private final EventLog log;
    private final ObservableList<ClientNode> clients;
    private final Map<String, RoomConnection> bySession = new HashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    SimulatedClientsViewModel(Executor ui, LongSupplier clock, EventLog log, ObservableList<ClientNode> clients) {
        this.ui = ui;
        this.clock = clock;
        this.log = log;
        this.clients = clients;
    }

    /** Opens one in {@code roomKey} through {@code hub}. */
    void add(HubClient hub, String roomKey) {
        String name = "sim-" + counter.incrementAndGet();
        RoomConnection[] holder = new RoomConnection[1];
        holder[0] = hub.join(RoomAddress.parse(roomKey), name, frame -> {
            if (frame instanceof ServerFrame.Connected c) {
                ui.execute(() -> {
                    bySession.put(c.sessionId(), holder[0]);
                    clients.replaceAll(n -> n.sessionId().equals(c.sessionId())
                            ? new ClientNode(n.room(), n.sessionId(), n.user(), n.transport(), true) : n);
                });
            }
        });
        log.add(clock.getAsLong(), "Opening a simulated client " + name + " in " + roomKey,
                "A real connection from this app, drawn in violet; Send and Broadcast act through it.");
    }

    boolean contains(String sessionId) {
        return bySession.containsKey(sessionId);
    }

    /** Closes {@code client} if this app opened it; false otherwise. */
    boolean close(ClientNode client) {
        RoomConnection own = bySession.remove(client.sessionId());
        if (own == null) {
            return false;
        }
        own.close();
        log.add(clock.getAsLong(), "Closing the simulated client " + client.user(), "session " + client.sessionId());
        return true;
    }

    void closeAll() {
        bySession.values().forEach(RoomConnection::close);
        bySession.clear();
    }

    List<SendChoice> sendChoices(String roomKey) {
        RoomConnection sender = roomKey == null ? null : in(roomKey);
        if (sender == null) {
            return List.of();
        }
        ClientNode self = clients.stream().filter(c -> c.sessionId().equals(sender.sessionId())).findFirst()
                .orElse(new ClientNode(roomKey, sender.sessionId(), sender.user(), "websocket", true));
        return SendChoice.forSender(roomKey, self, clients);
    }

    void send(String roomKey, SendChoice choice) {
        RoomConnection sender = in(roomKey);
        if (sender == null) {
            log.add(clock.getAsLong(), ADD_FIRST, null);
        } else if (choice.targetSessionId() != null) {
            sender.send(new ClientFrame.Direct(choice.targetSessionId(), "hello from " + sender.user()));
        } else {
            sender.send(new ClientFrame.Ping(null, null));
        }
    }

    void broadcast(String roomKey) {
        RoomConnection sender = in(roomKey);
        if (sender == null) {
            log.add(clock.getAsLong(), ADD_FIRST, null);
            return;
        }
        sender.send(switch (RoomAddress.parse(roomKey).type()) {
            case "chat" -> new ClientFrame.ChatMessage("broadcast from " + sender.user());
            case "map" -> new ClientFrame.SetPin(GeoPoint.of(Math.random() * 120 - 60, Math.random() * 300 - 150), sender.user(), null);
            default -> new ClientFrame.MetricUpdate("demo.value", Math.random() * 100, null);
        });
    }

    private RoomConnection in(String roomKey) {
        return bySession.values().stream().filter(c -> HubClient.key(c.room()).equals(roomKey)).findFirst().orElse(null);
    }
}
