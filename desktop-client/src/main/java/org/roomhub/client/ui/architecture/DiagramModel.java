package org.roomhub.client.ui.architecture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomSummary;

/**
 * What the diagram shows, kept up to date from observer frames and {@code /api/rooms} polls: rooms with
 * their state and figures, clients, frames in flight, rates and the event log. FX thread.
 */
final class DiagramModel {

    private static final int MAX_PENDING_FLOWS = 2_000;

    private final LongSupplier clock;
    private final Predicate<String> simulated;
    private final Consumer<String> onNewRoom;
    private final Map<String, RoomNode> rooms = new LinkedHashMap<>();
    private final ObservableList<String> roomKeys = FXCollections.observableArrayList();
    private final ObservableList<ClientNode> clients = FXCollections.observableArrayList();
    private final EventLog log = new EventLog();
    private final ConcurrentLinkedQueue<FlowEvent> flows = new ConcurrentLinkedQueue<>();
    private final FlowRates rates = new FlowRates();
    private final ClusterModel cluster;

    /**
     * @param clock     wall clock, epoch ms
     * @param simulated whether a session id is one of this app's simulated clients
     * @param onNewRoom told the key of each room seen for the first time
     */
    DiagramModel(LongSupplier clock, Predicate<String> simulated, Consumer<String> onNewRoom) {
        this.clock = clock;
        this.simulated = simulated;
        this.onNewRoom = onNewRoom;
        this.cluster = new ClusterModel(clock, log);
    }

    /** The cluster the observed hub belongs to (empty on a single hub). */
    ClusterModel cluster() {
        return cluster;
    }

    /** Forgets rooms, timeline and log (another hub). */
    void forgetRooms() {
        rooms.clear();
        roomKeys.clear();
        log.clear();
        cluster.single();
    }

    /** Forgets clients and pending flows; the next observer's hello lists who is there. */
    void forgetClients() {
        clients.clear();
        flows.clear();
    }

    void handle(ObserverFrame frame) {
        if (frame instanceof ObserverFrame.Hello h) {
            // The hub follows its hello with client-connected for every open session: the clients drawn before a
            // reconnect (the hub restarted: none of them is there any more) go, those still there come back.
            clients.clear();
            h.rooms().forEach(s -> {
                RoomNode node = room(s.type() + "/" + s.name(), s.state(), clock.getAsLong());
                node.moveTo(s.state(), clock.getAsLong());
                node.figures(s.connections(), s.messagesProcessed(), s.hibernations());
            });
            log(EventWords.watching(h.rooms().size()));
        } else if (frame instanceof ObserverFrame.RoomStateChanged r) {
            room(r.room(), r.from(), r.at()).moveTo(r.to(), r.at());
            EventWords.Words words = EventWords.stateChange(r.room(), r.from(), r.to());
            log.addGrouped(clock.getAsLong(), EventWords.flipGroup(r.room(), r.from(), r.to()), words.text(),
                    EventWords.flipText(r.room(), r.from(), r.to()), words.detail());
        } else if (frame instanceof ObserverFrame.ClientConnected c) {
            room(c.room(), RoomState.ACTIVE, clock.getAsLong()).connectionsDelta(1);
            clients.removeIf(n -> n.sessionId().equals(c.sessionId()));
            clients.add(new ClientNode(c.room(), c.sessionId(), c.user(), c.transport(), simulated.test(c.sessionId())));
            log(EventWords.connected(c.room(), c.user(), c.transport(), c.sessionId(), simulated.test(c.sessionId())));
        } else if (frame instanceof ObserverFrame.ClientDisconnected d) {
            room(d.room(), RoomState.ACTIVE, clock.getAsLong()).connectionsDelta(-1);
            String user = userOf(d.sessionId());
            clients.removeIf(n -> n.sessionId().equals(d.sessionId()));
            log(EventWords.disconnected(d.room(), user, d.code(), d.reason(), d.sessionId()));
        } else if (frame instanceof ObserverFrame.Flow f) {
            if (!f.to().isBroadcast() && f.to().sessionIds().equals(List.of("room")) && !"ping".equals(f.msgType())) {
                // Only what the hub counts as messagesProcessed: frames a client sent to the room (pings are answered
                // without it), so the next poll does not take the figure back down.
                room(f.room(), RoomState.ACTIVE, f.at()).countMessage();
            }
            rates.count(f.room(), 1);
            if (flows.size() < MAX_PENDING_FLOWS) {
                flows.add(new FlowEvent(f.room(), f.from(), f.to().isBroadcast() ? List.of() : f.to().sessionIds(),
                        f.to().isBroadcast(), f.msgType(), f.at()));
            }
        } else if (frame instanceof ObserverFrame.FlowSummary s) {
            // The hub summarises a dense room once a second instead of sending each frame.
            rates.count(s.room(), s.perSecond());
        } else if (frame instanceof ObserverFrame.Dropped d) {
            log(EventWords.dropped(d.room(), userOf(d.sessionId()), d.count(), d.policy(), d.sessionId()));
        } else if (frame instanceof ObserverFrame.RateLimited r) {
            EventWords.Words words = EventWords.rateLimited(r.room(), userOf(r.sessionId()), r.sessionId());
            // A burst is refused frame by frame: one counted line, not a screenful.
            log.addGrouped(clock.getAsLong(), "rate " + r.sessionId(), words.text(), words.text(), words.detail());
        } else if (frame instanceof ObserverFrame.NodeUp || frame instanceof ObserverFrame.NodeDown
                || frame instanceof ObserverFrame.RoomMoved) {
            cluster.handle(frame);
        } else if (frame instanceof ObserverFrame.Alarm a) {
            EventWords.Words words = EventWords.alarm(a.room());
            log.addGrouped(clock.getAsLong(), "alarm " + a.room(), words.text(), words.text(), words.detail());
        }
    }

    /** Takes a poll of {@code /api/rooms} in: states and figures of every room. */
    void merge(List<RoomSummary> summaries) {
        for (RoomSummary s : summaries) {
            RoomNode node = room(s.type() + "/" + s.name(), s.state(), clock.getAsLong());
            node.moveTo(s.state(), clock.getAsLong());
            node.figures(s.connections(), s.messages(), s.hibernations());
        }
    }

    /** Drops a room that no longer exists (deleted), with its clients. */
    void forget(String key) {
        if (rooms.remove(key) != null) {
            roomKeys.remove(key);
            clients.removeIf(c -> c.room().equals(key));
        }
    }

    List<FlowEvent> drainFlows() {
        List<FlowEvent> out = new ArrayList<>();
        FlowEvent f;
        while ((f = flows.poll()) != null) {
            out.add(f);
        }
        return out;
    }

    void log(String text, String detail) {
        log.add(clock.getAsLong(), text, detail);
    }

    void log(EventWords.Words words) {
        log.add(clock.getAsLong(), words.text(), words.detail());
    }

    Map<String, RoomNode> rooms() {
        return Collections.unmodifiableMap(rooms);
    }

    ObservableList<String> roomKeys() {
        return roomKeys;
    }

    ObservableList<ClientNode> clients() {
        return clients;
    }

    EventLog eventLog() {
        return log;
    }

    FlowRates rates() {
        return rates;
    }

    String userOf(String sessionId) {
        return clients.stream().filter(c -> c.sessionId().equals(sessionId)).map(ClientNode::user).findFirst().orElse("a client");
    }

    private RoomNode room(String key, RoomState state, long at) {
        RoomNode node = rooms.get(key);
        if (node == null) {
            node = new RoomNode(key, state, at);
            rooms.put(key, node);
            roomKeys.add(key);
            onNewRoom.accept(key);
        }
        return node;
    }
}
