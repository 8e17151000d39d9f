package org.roomhub.client.ui.architecture;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubAdminClient;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.ObserverConnection;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.ui.common.TabViewModel;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomSummary;

/**
 * The hub drawn live: rooms and their lifecycle, every client, frames in flight, counters and an
 * event log, all from {@code /hub/events} and {@code /api/rooms}. Commands open simulated clients
 * (real connections) and call the hub's admin endpoints.
 */
public final class ArchitectureViewModel implements TabViewModel {

    private static final int MAX_LOG = 500;
    private static final int MAX_PENDING_FLOWS = 2_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Executor ui;
    private final LongSupplier clock;
    private final Map<String, RoomNode> rooms = new LinkedHashMap<>();
    private final ObservableList<String> roomKeys = FXCollections.observableArrayList();
    private final ObservableList<String> roomKeysReadOnly = FXCollections.unmodifiableObservableList(roomKeys);
    private final ObservableList<ClientNode> clients = FXCollections.observableArrayList();
    private final ObservableList<ClientNode> clientsReadOnly = FXCollections.unmodifiableObservableList(clients);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> logReadOnly = FXCollections.unmodifiableObservableList(log);
    private final ConcurrentLinkedQueue<FlowEvent> flows = new ConcurrentLinkedQueue<>();
    private final Map<String, RoomConnection> simulated = new HashMap<>();
    private final Map<String, Double> flowRates = new HashMap<>();
    private final ObjectProperty<String> selectedRoom = new SimpleObjectProperty<>();
    private final javafx.beans.property.IntegerProperty hibernateAfterSeconds = new javafx.beans.property.SimpleIntegerProperty(10);
    private final ReadOnlyLongWrapper totalFlows = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper flowsPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private final AtomicInteger simCounter = new AtomicInteger();
    private long flowsThisSecond;
    private long secondStart;
    private HubClient hub;
    private ObserverConnection observer;
    private ScheduledExecutorService poller;
    private SessionSettings session;

    /**
     * @param ui    runs a task on the UI thread
     * @param clock wall clock, epoch ms
     */
    public ArchitectureViewModel(Executor ui, LongSupplier clock) {
        this.ui = ui;
        this.clock = clock;
    }

    @Override
    public void attach(HubClient hub, SessionSettings session) {
        detach();
        this.hub = hub;
        this.session = session;
        observer = hub.observe(frame -> ui.execute(() -> handle(frame)),
                (state, detail) -> ui.execute(() -> status.set("/hub/events: " + state.label()
                        + (detail != null && state == ConnectionState.RECONNECTING ? " (" + detail + ")" : ""))));
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "architecture-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollRooms, 0, 2, TimeUnit.SECONDS);
        hub.admin().hibernateAfter().thenAccept(d -> ui.execute(() -> showDelay(d))).exceptionally(e -> null);
    }

    /** The hub's hibernation delay in whole seconds, as the hub reports it. */
    public javafx.beans.property.ReadOnlyIntegerProperty hibernateAfterSecondsProperty() {
        return hibernateAfterSeconds;
    }

    private void showDelay(Duration d) {
        hibernateAfterSeconds.set((int) Math.max(1, Math.ceil(d.toMillis() / 1000.0)));
    }

    @Override
    public void detach() {
        if (observer != null) {
            observer.close();
            observer = null;
        }
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        simulated.values().forEach(RoomConnection::close);
        simulated.clear();
        rooms.clear();
        roomKeys.clear();
        clients.clear();
        flows.clear();
        hub = null;
        status.set("not connected");
    }

    @Override
    public boolean hasLiveData() {
        return !rooms.isEmpty();
    }

    /** Handles one observer frame; FX thread. Package-visible for tests. */
    void handle(ObserverFrame frame) {
        if (frame instanceof ObserverFrame.Hello h) {
            h.rooms().forEach(s -> {
                RoomNode node = room(s.type() + "/" + s.name(), s.state(), clock.getAsLong());
                node.moveTo(s.state(), clock.getAsLong());
                node.figures(s.connections(), s.messagesProcessed(), s.hibernations());
            });
            log("observer connected: " + h.rooms().size() + " rooms");
        } else if (frame instanceof ObserverFrame.RoomStateChanged r) {
            room(r.room(), r.from(), r.at()).moveTo(r.to(), r.at());
            log(r.room() + ": " + r.from().wireName() + " → " + r.to().wireName());
        } else if (frame instanceof ObserverFrame.ClientConnected c) {
            room(c.room(), RoomState.ACTIVE, clock.getAsLong()).connectionsDelta(1);
            clients.removeIf(n -> n.sessionId().equals(c.sessionId()));
            clients.add(new ClientNode(c.room(), c.sessionId(), c.user(), c.transport(), simulated.containsKey(c.sessionId())));
            log(c.room() + ": + " + c.user() + " (" + c.transport() + ")");
        } else if (frame instanceof ObserverFrame.ClientDisconnected d) {
            room(d.room(), RoomState.ACTIVE, clock.getAsLong()).connectionsDelta(-1);
            clients.removeIf(n -> n.sessionId().equals(d.sessionId()));
            log(d.room() + ": − " + d.sessionId() + " (" + d.code() + (d.reason() == null || d.reason().isEmpty() ? "" : " " + d.reason()) + ")");
        } else if (frame instanceof ObserverFrame.Flow f) {
            room(f.room(), RoomState.ACTIVE, f.at()).countMessage();
            countFlows(1);
            if (flows.size() < MAX_PENDING_FLOWS) {
                flows.add(new FlowEvent(f.room(), f.from(), f.to().isBroadcast() ? List.of() : f.to().sessionIds(),
                        f.to().isBroadcast(), f.msgType(), f.at()));
            }
        } else if (frame instanceof ObserverFrame.FlowSummary s) {
            flowRates.put(s.room(), s.perSecond());
            countFlows((long) s.perSecond());
        } else if (frame instanceof ObserverFrame.Dropped d) {
            log(d.room() + ": dropped " + d.count() + " for " + d.sessionId() + " (" + d.policy() + ")");
        } else if (frame instanceof ObserverFrame.RateLimited r) {
            log(r.room() + ": rate-limited " + r.sessionId());
        } else if (frame instanceof ObserverFrame.Alarm a) {
            log(a.room() + ": alarm");
        }
    }

    /** Takes the flows that arrived since the last call; the view animates them. FX thread. */
    public List<FlowEvent> drainFlows() {
        List<FlowEvent> out = new ArrayList<>();
        FlowEvent f;
        while ((f = flows.poll()) != null) {
            out.add(f);
        }
        return out;
    }

    /** Opens a simulated client in {@code roomKey}: a real connection from this app. */
    public void addSimulatedClient(String roomKey) {
        if (hub == null || roomKey == null) {
            return;
        }
        String name = "sim-" + simCounter.incrementAndGet();
        RoomAddress address = RoomAddress.parse(roomKey);
        RoomConnection[] holder = new RoomConnection[1];
        holder[0] = hub.join(address, name, frame -> {
            if (frame instanceof ServerFrame.Connected c) {
                ui.execute(() -> {
                    simulated.put(c.sessionId(), holder[0]);
                    clients.replaceAll(n -> n.sessionId().equals(c.sessionId())
                            ? new ClientNode(n.room(), n.sessionId(), n.user(), n.transport(), true) : n);
                });
            }
        });
        log(roomKey + ": opening simulated client " + name);
    }

    /** Disconnects a client: a simulated one closes its own socket, others are closed by the hub (admin). */
    public void disconnect(ClientNode client) {
        RoomConnection own = simulated.remove(client.sessionId());
        if (own != null) {
            own.close();
            log(client.room() + ": closing " + client.user());
        } else if (hub != null) {
            report(admin().disconnect(RoomAddress.parse(client.room()), client.sessionId()), "disconnect " + client.user());
        }
    }

    /** A simulated client in {@code roomKey} sends one frame to one other member (a ping where there is no direct message). */
    public void send(String roomKey) {
        RoomConnection sender = simulatedIn(roomKey);
        if (sender == null) {
            log(roomKey + ": add a simulated client first");
            return;
        }
        String target = clients.stream().filter(c -> c.room().equals(roomKey) && !c.sessionId().equals(sender.sessionId()))
                .map(ClientNode::sessionId).findFirst().orElse(null);
        if (roomKey.startsWith("chat/") && target != null) {
            sender.send(new ClientFrame.Direct(target, "hello from " + sender.user()));
        } else {
            sender.send(new ClientFrame.Ping(null, null));
        }
    }

    /** A simulated client in {@code roomKey} sends a frame the room broadcasts to everyone. */
    public void broadcast(String roomKey) {
        RoomConnection sender = simulatedIn(roomKey);
        if (sender == null) {
            log(roomKey + ": add a simulated client first");
            return;
        }
        String type = RoomAddress.parse(roomKey).type();
        ClientFrame frame = switch (type) {
            case "chat" -> new ClientFrame.ChatMessage("broadcast from " + sender.user());
            case "map" -> new ClientFrame.SetPin(GeoPoint.of(Math.random() * 120 - 60, Math.random() * 300 - 150), sender.user(), null);
            default -> new ClientFrame.MetricUpdate("demo.value", Math.random() * 100, null);
        };
        sender.send(frame);
    }

    /** Asks the hub to hibernate {@code roomKey} now. */
    public void forceHibernate(String roomKey) {
        if (hub != null && roomKey != null) {
            report(admin().forceHibernate(RoomAddress.parse(roomKey)), "hibernate " + roomKey);
        }
    }

    /** Sets the hub's idle delay before hibernation. */
    public void setHibernationDelay(Duration delay) {
        if (hub != null) {
            report(admin().setHibernateAfter(delay), "hibernate after " + delay.toSeconds() + " s");
        }
    }

    /** Rooms by key, in the order first seen. */
    public Map<String, RoomNode> rooms() {
        return java.util.Collections.unmodifiableMap(rooms);
    }

    /** Room keys, for the room picker. */
    public ObservableList<String> roomKeys() {
        return roomKeysReadOnly;
    }

    /** Every known client. */
    public ObservableList<ClientNode> clients() {
        return clientsReadOnly;
    }

    /** Newest first. */
    public ObservableList<String> log() {
        return logReadOnly;
    }

    /** The room the controls act on. */
    public ObjectProperty<String> selectedRoomProperty() {
        return selectedRoom;
    }

    /** Frames seen since connecting. */
    public ReadOnlyLongProperty totalFlowsProperty() {
        return totalFlows.getReadOnlyProperty();
    }

    /** Frames per second over the last second. */
    public ReadOnlyDoubleProperty flowsPerSecondProperty() {
        return flowsPerSecond.getReadOnlyProperty();
    }

    /** The hub's own rate figure for a dense room (from {@code flow-summary}), or 0. */
    public double summaryRate(String roomKey) {
        return flowRates.getOrDefault(roomKey, 0.0);
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Call about once a second so the rate figure decays when traffic stops. */
    public void tick() {
        countFlows(0);
    }

    private void countFlows(long n) {
        long now = clock.getAsLong();
        if (secondStart == 0) {
            secondStart = now;
        }
        flowsThisSecond += n;
        totalFlows.set(totalFlows.get() + n);
        if (now - secondStart >= 1000) {
            flowsPerSecond.set(flowsThisSecond * 1000.0 / (now - secondStart));
            flowsThisSecond = 0;
            secondStart = now;
        }
    }

    private RoomConnection simulatedIn(String roomKey) {
        return simulated.values().stream().filter(c -> HubClient.key(c.room()).equals(roomKey)).findFirst().orElse(null);
    }

    private HubAdminClient admin() {
        return hub.admin();
    }

    private void report(CompletableFuture<Void> call, String what) {
        call.whenComplete((v, e) -> ui.execute(() -> log(e == null ? what + ": done" : what + " failed: " + rootMessage(e))));
    }

    private void pollRooms() {
        HubClient current = hub;
        if (current == null) {
            return;
        }
        current.rooms().thenAccept(list -> ui.execute(() -> merge(list))).exceptionally(e -> null);
    }

    private void merge(List<RoomSummary> summaries) {
        for (RoomSummary s : summaries) {
            RoomNode node = room(s.type() + "/" + s.name(), s.state(), clock.getAsLong());
            node.moveTo(s.state(), clock.getAsLong());
            node.figures(s.connections(), s.messages(), s.hibernations());
        }
    }

    private RoomNode room(String key, RoomState state, long at) {
        RoomNode node = rooms.get(key);
        if (node == null) {
            node = new RoomNode(key, state, at);
            rooms.put(key, node);
            roomKeys.add(key);
            if (selectedRoom.get() == null || (session != null && key.equals("chat/" + session.roomName()))) {
                selectedRoom.set(key);
            }
        }
        return node;
    }

    private void log(String text) {
        log.add(0, TIME.format(Instant.ofEpochMilli(clock.getAsLong())) + "  " + text);
        if (log.size() > MAX_LOG) {
            log.remove(MAX_LOG, log.size());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
