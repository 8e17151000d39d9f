package org.roomhub.client.ui.map;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
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
    private final RouteEditor route = new RouteEditor(this::send);
    private final TileSource tiles = new TileSource();
    private final PinEditor myPins;
    private final ObjectProperty<ClickMode> clickMode = new SimpleObjectProperty<>(ClickMode.PIN);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyStringWrapper me = new ReadOnlyStringWrapper("");
    private final PinPresence presence = new PinPresence();
    private final RoomSubscription mapRoom;
    private final ReadOnlyStringWrapper room = new ReadOnlyStringWrapper("");
    private boolean welcomed;
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
        this.myPins = new PinEditor(pins, me::get, () -> identity == null ? null : identity.current(), this::send);
        this.mapRoom = RoomSubscription.onUi(ui, this::handle,
                (address, state, detail) -> status.set(HubParticipant.statusLine(address.toString(), state, detail)));
    }

    @Override
    public void attach(HubClient hub, SessionSettings next) {
        detach();
        if (!next.sameRoomsAs(session)) {
            pins.clear();
            route.show(Route.empty());
            welcomed = false;
        }
        if (next.identity() != identity) {
            identity = next.identity();
            identity.onRename(name -> ui.execute(() -> myPins.relabel(name)));
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
        presence.clear();
        status.set("not connected");
    }

    @Override
    public boolean hasLiveData() {
        return welcomed;
    }

    // ---- commands --------------------------------------------------------------------------

    /** A click on the map at {@code lat, lng}: a new pin of mine or a waypoint, per {@link #clickModeProperty()}. */
    public void mapClicked(double lat, double lng) {
        GeoPoint at = PinEditor.at(lat, lng);
        if (clickMode.get() == ClickMode.PIN) {
            addPin(at);
        } else {
            route.addStop(at);
        }
    }

    /** Places a new pin of mine; my first one is "me" (the pin my distance is measured from). */
    public void addPin(GeoPoint at) {
        myPins.add(at);
    }

    /** Moves one of my pins (a drag on the map). Others' pins are read-only here. */
    public void movePin(String pinId, double lat, double lng) {
        myPins.move(pinId, lat, lng);
    }

    /** Changes my pin's label, colour and note; an empty note removes it. */
    public void editPin(String pinId, String label, String color, String note) {
        myPins.edit(pinId, label, color, note);
    }

    /** Removes one of my pins. */
    public void removePin(String pinId) {
        myPins.remove(pinId);
    }

    /** Whether {@code pin} is mine to move, edit and remove. */
    public boolean isMine(Pin pin) {
        return myPins.isMine(pin);
    }

    /** Moves the waypoint at {@code from} to {@code to} (a drag in the route list). */
    public void moveWaypoint(int from, int to) {
        route.move(from, to);
    }

    /** Removes every waypoint. */
    public void clearRoute() {
        route.clear();
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
        }
        if (presence.handle(frame, pins)) {
            return;
        }
        if (frame instanceof ServerFrame.MapState s) {
            presence.welcome(s);
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
            presence.refresh(pins);
        } else if (frame instanceof ServerFrame.PinRemoved r) {
            int at = indexOf(r.pinId());
            if (at >= 0) {
                pins.remove(at);
            }
        } else if (frame instanceof ServerFrame.RouteUpdate r) {
            route.updated(r);
        } else {
            plans.handle(frame);
        }
    }

    /** Whether {@code pin}'s owner has no session in the room: the map draws it greyed out. */
    public boolean isOffline(Pin pin) {
        return presence.offlineUsers().contains(pin.user());
    }

    /** Owners of pins who are known to be away from the room; the view redraws pins when it changes. */
    public ObservableSet<String> offlineUsers() {
        return presence.offlineUsers();
    }

    private void showState(ServerFrame.MapState s) {
        presence.refresh(s.pins()); // before the pins change, so the view draws them with their state at once
        pins.setAll(s.pins());
        route.show(s.route());
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

    // ---- properties ------------------------------------------------------------------------

    /** Every pin in the room. */
    public ObservableList<Pin> pins() {
        return pinsReadOnly;
    }

    /** Waypoints, meeting point and distances. */
    public ReadOnlyObjectProperty<Route> routeProperty() {
        return route.routeProperty();
    }

    /** Great-circle length along the route's waypoints, km. */
    public ReadOnlyDoubleProperty routeLengthKmProperty() {
        return route.lengthKmProperty();
    }

    /** Saved plans and files. */
    public MapPlansViewModel plans() {
        return plans;
    }

    /** What a click does. */
    public ObjectProperty<ClickMode> clickModeProperty() {
        return clickMode;
    }

    /** The optional tile server under the map. */
    public TileSource tiles() {
        return tiles;
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
