package org.roomhub.client.ui.architecture;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.roomhub.client.net.HubAdminClient;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.client.ui.common.TabViewModel;
import org.roomhub.client.ui.lab.LabViewModel;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The hub drawn live: rooms and their lifecycle, every client, frames in flight, counters and an
 * event log, all from {@code /hub/events} and {@code /api/rooms}. Commands open simulated clients
 * (real connections) and call the hub's admin endpoints.
 */
public final class ArchitectureViewModel implements TabViewModel {

    private final Executor ui;
    private final LongSupplier clock;
    private final DiagramModel diagram;
    private final ObservableList<String> roomKeysReadOnly;
    private final ObservableList<ClientNode> clientsReadOnly;
    private final SimulatedClientsViewModel simulated;
    private final LabViewModel lab;
    private final ObjectProperty<String> selectedRoom = new SimpleObjectProperty<>();
    private final javafx.beans.property.IntegerProperty hibernateAfterSeconds = new javafx.beans.property.SimpleIntegerProperty(10);
    private final ObserverStatusViewModel observed;
    private final ReadOnlyBooleanWrapper adminAllowed;
    private final DelayInput delay = new DelayInput();
    private final HubWatchViewModel watch;
    private HubClient hub;
    private SessionSettings session;

    /**
     * @param ui    runs a task on the UI thread
     * @param clock wall clock, epoch ms
     */
    public ArchitectureViewModel(Executor ui, LongSupplier clock) {
        this.ui = ui;
        this.clock = clock;
        SimulatedClientsViewModel[] sims = new SimulatedClientsViewModel[1];
        this.diagram = new DiagramModel(clock, id -> sims[0].contains(id), this::roomSeen);
        this.simulated = sims[0] = new SimulatedClientsViewModel(ui, clock, diagram.eventLog(), diagram.clients());
        this.roomKeysReadOnly = FXCollections.unmodifiableObservableList(diagram.roomKeys());
        this.clientsReadOnly = FXCollections.unmodifiableObservableList(diagram.clients());
        this.observed = new ObserverStatusViewModel(diagram);
        this.adminAllowed = observed.adminAllowed;
        this.watch = new HubWatchViewModel(ui, diagram, observed, this::handle);
        this.lab = new LabViewModel(ui, diagram::log, diagram::forget, this::show, this::readDelay);
        selectedRoom.addListener((o, before, key) -> lab.pickRoom(key));
    }

    /** Whether the diagram is in sight; hidden, the hub's room list is not polled (see {@link HubWatchViewModel#inSight}). UI thread. */
    public void inSight(boolean seen) {
        watch.inSight(seen);
    }

    /** The lab panel's view-model: scenarios run on the hub this view observes. */
    public LabViewModel lab() {
        return lab;
    }

    private void roomSeen(String key) {
        if (selectedRoom.get() == null || (session != null && key.equals("chat/" + session.roomName()))) {
            selectedRoom.set(key);
        }
    }

    @Override
    public void attach(HubClient hub, SessionSettings next) {
        detach();
        if (!next.sameRoomsAs(session)) {
            diagram.forgetRooms(); // another hub: its rooms, not these; the same hub keeps its timeline
        }
        this.hub = hub;
        this.session = next;
        watch.watch(hub, null);
        lab.attach(hub);
        readDelay();
    }

    /**
     * Shows the hub at {@code endpoint} in the diagram instead of the app's (a lab scenario's child hub or
     * cluster member), or the app's hub again for null. The lab keeps running on the app's hub. UI thread.
     */
    void show(org.roomhub.client.net.HubEndpoint endpoint) {
        if (hub == null) {
            return;
        }
        simulated.closeAll();
        diagram.forgetClients();
        diagram.forgetRooms();
        watch.watch(hub, endpoint);
        diagram.log(endpoint == null ? "The diagram shows the app's hub again" : "The diagram shows the lab's hub at " + endpoint.display(),
                endpoint == null ? null : "Until the scenario stops; commands beside the diagram act on the hub shown.");
    }

    /** Reads the hub's hibernation delay for the sidebar (again after a lab scenario changed it). */
    private void readDelay() {
        HubClient current = hub;
        if (current != null) {
            current.admin().hibernateAfter().thenAccept(d -> ui.execute(() -> showDelay(d))).exceptionally(e -> null);
        }
    }

    /** The hub the diagram shows and its commands act on: a lab scenario's hub while it runs, else the app's. */
    private HubClient target() {
        return hub == null ? null : watch.hub();
    }

    /** Whether this token may observe and manage the hub (admin role); the view's controls follow it. */
    public ReadOnlyBooleanProperty adminAllowedProperty() {
        return adminAllowed.getReadOnlyProperty();
    }

    /** Whether the hub can be seen now; while it is unreachable the diagram says so instead of showing stale rooms. */
    public ReadOnlyObjectProperty<Reachability> reachabilityProperty() {
        return observed.reachability.getReadOnlyProperty();
    }

    /** The hibernation delay field as typed, in seconds. */
    public StringProperty delayTextProperty() {
        return delay.textProperty();
    }

    /** What is wrong with the typed delay, in words, or empty. */
    public ReadOnlyStringProperty delayProblemProperty() {
        return delay.problemProperty();
    }

    /** Sets the hub's hibernation delay from the typed text when it is a whole number of seconds in range; else says why. */
    public void applyHibernationDelay() {
        delay.read().ifPresent(this::setHibernationDelay);
    }

    /** The name the diagram gives a client: mine say so and carry my current name. */
    public String labelOf(ClientNode client) {
        HubClient current = target();
        String own = current == null || client.simulated() ? null : current.sessionNames().get(client.sessionId());
        return (own != null ? own + " (you)" : client.user()) + " · " + client.transport();
    }

    /** The hub's hibernation delay in whole seconds, as the hub reports it. */
    public javafx.beans.property.ReadOnlyIntegerProperty hibernateAfterSecondsProperty() {
        return hibernateAfterSeconds;
    }

    private void showDelay(Duration d) {
        hibernateAfterSeconds.set((int) Math.max(1, Math.ceil(d.toMillis() / 1000.0)));
        delay.show(hibernateAfterSeconds.get());
    }

    /** Closes the observer and the simulated clients; the rooms and their timeline stay for a reconnect to the same hub. */
    @Override
    public void detach() {
        watch.stop();
        lab.detach();
        simulated.closeAll();
        diagram.forgetClients(); // the hello of the next observer lists who is there
        hub = null;
        observed.closed();
    }

    /** The cluster the shown hub belongs to; the diagram draws its members. FX thread. */
    ClusterModel cluster() {
        return diagram.cluster();
    }

    @Override
    public boolean hasLiveData() {
        return !diagram.rooms().isEmpty();
    }

    /** Handles one observer frame; FX thread. Package-visible for tests. */
    void handle(ObserverFrame frame) {
        diagram.handle(frame);
    }

    /** Takes the flows that arrived since the last call; the view animates them. FX thread. */
    public List<FlowEvent> drainFlows() {
        return diagram.drainFlows();
    }

    /** Opens a simulated client in {@code roomKey}: a real connection from this app. */
    public void addSimulatedClient(String roomKey) {
        if (target() != null && roomKey != null && adminAllowed.get()) { // without admin rights the tab only explains itself
            simulated.add(target(), roomKey);
        }
    }

    /** Disconnects a client: a simulated one closes its own socket, others are closed by the hub (admin). */
    public void disconnect(ClientNode client) {
        if (!adminAllowed.get()) {
            return;
        }
        if (!simulated.close(client) && target() != null) {
            report(admin().disconnect(RoomAddress.parse(client.room()), client.sessionId()), "Disconnect " + client.user() + " from " + client.room());
        }
    }

    /** What a simulated client in {@code roomKey} can send, each said as it is; empty without one. */
    public List<SendChoice> sendChoices(String roomKey) {
        return simulated.sendChoices(roomKey);
    }

    /** Sends what {@code choice} says through the simulated client in {@code roomKey}. */
    public void send(String roomKey, SendChoice choice) {
        simulated.send(roomKey, choice);
    }

    /** A simulated client in {@code roomKey} sends a frame the room broadcasts to everyone. */
    public void broadcast(String roomKey) {
        simulated.broadcast(roomKey);
    }

    /** Asks the hub to hibernate {@code roomKey} now. */
    public void forceHibernate(String roomKey) {
        if (target() != null && roomKey != null && adminAllowed.get()) {
            report(admin().forceHibernate(RoomAddress.parse(roomKey)), "Hibernate " + roomKey + " now");
        }
    }

    /** Sets the hub's idle delay before hibernation. */
    public void setHibernationDelay(Duration delay) {
        if (hub != null && adminAllowed.get()) {
            report(admin().setHibernateAfter(delay), "Hibernate rooms after " + delay.toSeconds() + " s idle");
        }
    }

    /** Rooms by key, in the order first seen. */
    public Map<String, RoomNode> rooms() {
        return diagram.rooms();
    }

    /** Room keys, for the room picker. */
    public ObservableList<String> roomKeys() {
        return roomKeysReadOnly;
    }

    /** Every known client. */
    public ObservableList<ClientNode> clients() {
        return clientsReadOnly;
    }

    /** Newest first; repeats counted in one line. */
    public ObservableList<LogEntry> log() {
        return diagram.eventLog().entries();
    }

    /** The room the controls act on. */
    public ObjectProperty<String> selectedRoomProperty() {
        return selectedRoom;
    }

    /** Frames seen since connecting. */
    public ReadOnlyLongProperty totalFlowsProperty() {
        return diagram.rates().totalProperty();
    }

    /** Frames per second through the hub over the last second: the sum of every room's {@link #roomRate}. */
    public ReadOnlyDoubleProperty flowsPerSecondProperty() {
        return diagram.rates().perSecondProperty();
    }

    /** Frames per second through one room over the last second (single flows and the hub's summaries alike). */
    public double roomRate(String roomKey) {
        return diagram.rates().roomRate(roomKey);
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return observed.status.getReadOnlyProperty();
    }

    /** Call once per drawn frame: the frames/s figures roll over to the last full second only here, so every label shows the same second. */
    public void tick() {
        diagram.rates().tick(clock.getAsLong());
    }

    private HubAdminClient admin() {
        return target().admin();
    }

    private void report(CompletableFuture<Void> call, String what) {
        call.whenComplete((v, e) -> ui.execute(() -> diagram.log(
                e == null ? what + ": done" : what + " failed", e == null ? null : rootMessage(e))));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
