package org.roomhub.client.ui.map;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomSubscription;
import org.roomhub.client.ui.common.NameColors;
import org.roomhub.client.ui.common.HubParticipant;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.client.ui.common.TabViewModel;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.Route;
import org.roomhub.protocol.value.Waypoint;

/**
 * A shared trip-planning map: everyone's pins (mine editable, others' read-only), the route with
 * its length, meeting point and distances, the room's plans and files, and where the map looks.
 */
public final class MapViewModel implements TabViewModel {

    private final Executor ui;
    private final ViewportStore views;
    private final MapPlansViewModel plans;
    private final ObservableList<Pin> pins = FXCollections.observableArrayList();
    private final ObservableList<Pin> pinsReadOnly = FXCollections.unmodifiableObservableList(pins);
    private final ReadOnlyObjectWrapper<Route> route = new ReadOnlyObjectWrapper<>(Route.empty());
    private final ReadOnlyDoubleWrapper routeLengthKm = new ReadOnlyDoubleWrapper();
    private final ObjectProperty<ClickMode> clickMode = new SimpleObjectProperty<>(ClickMode.PIN);
    private final StringProperty tileUrl = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper tileProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyStringWrapper me = new ReadOnlyStringWrapper("");
    private final PinPresence presence = new PinPresence();
    private final ObservableSet<String> offlineUsers = FXCollections.observableSet();
    private final ObservableSet<String> offlineUsersReadOnly = FXCollections.unmodifiableObservableSet(offlineUsers);
    private final RoomSubscription mapRoom;
    private final ReadOnlyStringWrapper room = new ReadOnlyStringWrapper("");
    private boolean welcomed;
    private int added;
    private int unseenStops;
    private SessionSettings session;
    private Identity identity;

    /** @param ui runs a task on the UI thread; views are remembered only while the app runs */
    public MapViewModel(Executor ui) {
        this(ui, ForkJoinPool.commonPool(), ViewportStore.inMemory());
    }

    /**
     * @param ui    runs a task on the UI thread
     * @param io    runs file work off it
     * @param views remembers where each room's map was looking
     */
    public MapViewModel(Executor ui, Executor io, ViewportStore views) {
        this.ui = ui;
        this.views = views;
        this.plans = new MapPlansViewModel(ui, io);
        this.mapRoom = RoomSubscription.onUi(ui, this::handle,
                (address, state, detail) -> status.set(HubParticipant.statusLine(address.toString(), state, detail)));
        route.addListener((obs, old, now) -> routeLengthKm.set(lengthKm(now.waypoints())));
    }

    @Override
    public void attach(HubClient hub, SessionSettings next) {
        detach();
        if (!next.sameRoomsAs(session)) {
            pins.clear();
            route.set(Route.empty());
            welcomed = false;
        }
        if (next.identity() != identity) {
            identity = next.identity();
            identity.onRename(name -> ui.execute(() -> relabelMyPin(name)));
        }
        session = next;
        room.set(next.roomName());
        RoomAddress address = new RoomAddress("map", next.roomName());
        plans.attach(hub, mapRoom.join(hub, address, identity::current), address, me::get);
    }

    /** Leaves the room; the pins shown stay until another hub or room is chosen (the welcome refreshes them). */
    @Override
    public void detach() {
        mapRoom.leave();
        plans.detach();
        presence.clear(); // who is in the room is learnt again from the next welcome and its joins
        offlineUsers.clear();
        status.set("not connected");
    }

    /** My pin carries my name: after a rename it is moved in place with the new label. */
    private void relabelMyPin(String name) {
        if (mapRoom.connection() == null) {
            return;
        }
        pins.stream().filter(p -> p.user().equals(me.get()) && !name.equals(p.label())).findFirst()
                .ifPresent(p -> mapRoom.send(new ClientFrame.SetPin(p.location(), name, NameColors.forName(name))));
    }

    @Override
    public boolean hasLiveData() {
        return welcomed;
    }

    // ---- commands --------------------------------------------------------------------------

    /** A click on the map at {@code lat, lng}: a new pin of mine or a waypoint, per {@link #clickModeProperty()}. */
    public void mapClicked(double lat, double lng) {
        GeoPoint at = GeoPoint.of(clamp(lat, 90), clamp(lng, 180));
        if (clickMode.get() == ClickMode.PIN) {
            addPin(at);
        } else {
            // Count stops sent but not yet seen, so quick clicks get "stop 2", "stop 3", not "stop 2" twice.
            if (send(new ClientFrame.AddWaypoint(at, "stop " + (route.get().waypoints().size() + unseenStops + 1)))) {
                unseenStops++;
            }
        }
    }

    /** Places a new pin of mine; my first one is "me" (the pin my distance is measured from). */
    public void addPin(GeoPoint at) {
        // The room knows me by the name I joined with; a pin is labelled with the name I go by now.
        String user = identity != null && identity.current() != null && !identity.current().isBlank() ? identity.current() : me.get();
        long mine = pins.stream().filter(this::isMine).count();
        if (mine == 0) {
            send(new ClientFrame.SetPin(at, user.isEmpty() ? null : user, NameColors.forName(user), null, null));
        } else {
            String label = (user.isEmpty() ? "pin" : user) + " " + (mine + 1);
            send(new ClientFrame.SetPin(at, label, NameColors.forName(user + (mine + 1)), null, newPinId(me.get())));
        }
    }

    /** Moves one of my pins (a drag on the map). Others' pins are read-only here. */
    public void movePin(String pinId, double lat, double lng) {
        find(pinId).filter(this::isMine).ifPresent(pin ->
                send(new ClientFrame.SetPin(GeoPoint.of(clamp(lat, 90), clamp(lng, 180)), null, null, null, pinId)));
    }

    /** Changes my pin's label, colour and note; an empty note removes it. */
    public void editPin(String pinId, String label, String color, String note) {
        find(pinId).filter(this::isMine).ifPresent(pin -> send(new ClientFrame.SetPin(pin.location(),
                label == null || label.isBlank() ? pin.user() : label.strip(), color, note == null ? "" : note.strip(), pinId)));
    }

    /** Removes one of my pins. */
    public void removePin(String pinId) {
        find(pinId).filter(this::isMine).ifPresent(pin -> send(new ClientFrame.RemovePin(pinId)));
    }

    /** Whether {@code pin} is mine to move, edit and remove. */
    public boolean isMine(Pin pin) {
        return !me.get().isEmpty() && pin.user().equals(me.get());
    }

    /**
     * Moves the waypoint at {@code from} to {@code to}. The protocol has no reorder frame, so the
     * route is cleared and sent again in the new order.
     */
    public void moveWaypoint(int from, int to) {
        List<Waypoint> stops = new ArrayList<>(route.get().waypoints());
        if (from == to || from < 0 || to < 0 || from >= stops.size() || to >= stops.size()) {
            return;
        }
        stops.add(to, stops.remove(from));
        send(new ClientFrame.ClearRoute());
        stops.forEach(w -> send(new ClientFrame.AddWaypoint(w.location(), w.label())));
    }

    /** Removes every waypoint. */
    public void clearRoute() {
        send(new ClientFrame.ClearRoute());
    }

    /** The map now looks at {@code view}; remembered for this room. */
    public void viewChanged(Viewport view) {
        if (view.usable() && !room.get().isEmpty()) {
            views.save(room.get(), view);
        }
    }

    /** Where this room's map looked last, if it was seen before. */
    public Optional<Viewport> rememberedView() {
        return room.get().isEmpty() ? Optional.empty() : views.load(room.get());
    }

    // ---- frames ----------------------------------------------------------------------------

    /** Handles one frame from the room; FX thread. Package-visible for tests. */
    void handle(ServerFrame frame) {
        if (frame instanceof ServerFrame.Connected c) {
            me.set(c.user());
            presence.joined(c.sessionId(), c.user());
        } else if (frame instanceof ServerFrame.UserJoined j) {
            presence.joined(j.sessionId(), j.user());
            updateOffline(pins);
        } else if (frame instanceof ServerFrame.UserLeft l) {
            presence.left(l.sessionId(), l.user());
            updateOffline(pins);
        } else if (frame instanceof ServerFrame.PresenceUpdate p) {
            presence.replaceAll(p.users());
            updateOffline(pins);
        } else if (frame instanceof ServerFrame.MapState s) {
            showState(s);
            welcomed = true;
        } else if (frame instanceof ServerFrame.MapStateChanged s) {
            showState(s.state());
        } else if (frame instanceof ServerFrame.PinUpdate u) {
            Pin pin = u.pin();
            int at = indexOf(pin.pinId());
            if (at >= 0) {
                pins.set(at, pin);
            } else {
                pins.add(pin);
            }
            updateOffline(pins);
        } else if (frame instanceof ServerFrame.PinRemoved r) {
            int at = indexOf(r.pinId());
            if (at >= 0) {
                pins.remove(at);
            }
        } else if (frame instanceof ServerFrame.RouteUpdate r) {
            int grown = r.waypoints().size() - route.get().waypoints().size();
            unseenStops = grown > 0 ? Math.max(0, unseenStops - grown) : 0;
            route.set(r.toRoute());
        } else {
            plans.handle(frame);
        }
    }

    /** Whether {@code pin}'s owner has no session in the room: the map draws it greyed out. */
    public boolean isOffline(Pin pin) {
        return offlineUsers.contains(pin.user());
    }

    /** Owners of pins who are known to have left the room; the view redraws pins when it changes. */
    public ObservableSet<String> offlineUsers() {
        return offlineUsersReadOnly;
    }

    private void updateOffline(List<Pin> shown) {
        Set<String> now = new HashSet<>();
        shown.forEach(p -> {
            if (presence.offline(p.user())) {
                now.add(p.user());
            }
        });
        offlineUsers.retainAll(now);
        offlineUsers.addAll(now);
    }

    private void showState(ServerFrame.MapState s) {
        updateOffline(s.pins()); // before the pins change, so the view draws them with their state at once
        pins.setAll(s.pins());
        route.set(s.route() == null ? Route.empty() : s.route());
    }

    // ---- reading ---------------------------------------------------------------------------

    /** The colour a pin is drawn in: its own, else one derived from its user. */
    public String colorOf(Pin pin) {
        return pin.color() != null && pin.color().matches("#[0-9a-fA-F]{3,8}") ? pin.color() : NameColors.forName(pin.user());
    }

    /** A person's colour: that of their own pin (the one distances are measured from), else of their first. */
    public String colorOfPerson(String user) {
        String own = "pin-" + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8);
        return find(own).or(() -> pins.stream().filter(p -> p.user().equals(user)).findFirst())
                .map(this::colorOf).orElse(NameColors.forName(user));
    }

    /** The text next to a pin. */
    public String labelOf(Pin pin) {
        return pin.label() != null && !pin.label().isBlank() ? pin.label() : pin.user();
    }

    /** A pin by id. */
    public Optional<Pin> find(String pinId) {
        return pins.stream().filter(p -> p.pinId().equals(pinId)).findFirst();
    }

    /** Great-circle length along the waypoints, in km. */
    static double lengthKm(List<Waypoint> stops) {
        double km = 0;
        for (int i = 1; i < stops.size(); i++) {
            km += stops.get(i - 1).location().distanceKm(stops.get(i).location());
        }
        return km;
    }

    private String newPinId(String user) {
        String base = user.replaceAll("[^A-Za-z0-9._-]", "_");
        base = base.substring(0, Math.min(base.length(), 32));
        return base + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + (++added);
    }

    private int indexOf(String pinId) {
        for (int i = 0; i < pins.size(); i++) {
            if (pins.get(i).pinId().equals(pinId)) {
                return i;
            }
        }
        return -1;
    }

    private boolean send(ClientFrame frame) {
        return mapRoom.send(frame);
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }

    // ---- properties ------------------------------------------------------------------------

    /** Every pin in the room. */
    public ObservableList<Pin> pins() {
        return pinsReadOnly;
    }

    /** Waypoints, meeting point and distances. */
    public ReadOnlyObjectProperty<Route> routeProperty() {
        return route.getReadOnlyProperty();
    }

    /** Great-circle length along the route's waypoints, km. */
    public ReadOnlyDoubleProperty routeLengthKmProperty() {
        return routeLengthKm.getReadOnlyProperty();
    }

    /** Saved plans and files. */
    public MapPlansViewModel plans() {
        return plans;
    }

    /** What a click does. */
    public ObjectProperty<ClickMode> clickModeProperty() {
        return clickMode;
    }

    /**
     * Checks the typed tile URL: empty (offline shapes only) or an {@code http(s)://} template with
     * {@code {z}}, {@code {x}} and {@code {y}}. Answers the template to use, or null with
     * {@link #tileProblemProperty()} saying what is wrong.
     */
    public String checkedTileUrl() {
        String typed = tileUrl.get() == null ? "" : tileUrl.get().strip();
        String problem = null;
        if (!typed.isEmpty() && !typed.matches("(?i)https?://\\S+")) {
            problem = "The tile URL must start with http:// or https:// and have no spaces.";
        } else if (!typed.isEmpty() && !(typed.contains("{z}") && typed.contains("{x}") && typed.contains("{y}"))) {
            problem = "The tile URL needs {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png";
        }
        tileProblem.set(problem == null ? "" : problem);
        return problem == null ? typed : null;
    }

    /** What is wrong with the typed tile URL, or empty. */
    public ReadOnlyStringProperty tileProblemProperty() {
        return tileProblem.getReadOnlyProperty();
    }

    /** Optional tile server URL template; empty means the offline country shapes only. */
    public StringProperty tileUrlProperty() {
        return tileUrl;
    }

    /** The map room's name (empty before the first connect). */
    public ReadOnlyStringProperty roomProperty() {
        return room.getReadOnlyProperty();
    }

    /** My display name in the room. */
    public ReadOnlyStringProperty meProperty() {
        return me.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
