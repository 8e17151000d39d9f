package org.roomhub.client.ui.map;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
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
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.RoomListener;
import org.roomhub.client.ui.common.NameColors;
import org.roomhub.client.ui.common.TabViewModel;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.Route;

/** A shared map room: everyone's pins, the route with its meeting point and distances, and my clicks. */
public final class MapViewModel implements TabViewModel {

    private final Executor ui;
    private final ObservableList<Pin> pins = FXCollections.observableArrayList();
    private final ObservableList<Pin> pinsReadOnly = FXCollections.unmodifiableObservableList(pins);
    private final ReadOnlyObjectWrapper<Route> route = new ReadOnlyObjectWrapper<>(Route.empty());
    private final ObjectProperty<ClickMode> clickMode = new SimpleObjectProperty<>(ClickMode.PIN);
    private final StringProperty tileUrl = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyStringWrapper me = new ReadOnlyStringWrapper("");
    private final PinPresence presence = new PinPresence();
    private final ObservableSet<String> offlineUsers = FXCollections.observableSet();
    private final ObservableSet<String> offlineUsersReadOnly = FXCollections.unmodifiableObservableSet(offlineUsers);
    private RoomConnection connection;
    private boolean welcomed;

    /** @param ui runs a task on the UI thread */
    public MapViewModel(Executor ui) {
        this.ui = ui;
    }

    @Override
    public void attach(HubClient hub, SessionSettings session) {
        detach();
        RoomAddress address = new RoomAddress("map", session.roomName());
        connection = hub.join(address, session.userName(), new RoomListener() {
            @Override
            public void onFrame(ServerFrame frame) {
                ui.execute(() -> handle(frame));
            }

            @Override
            public void onStateChanged(ConnectionState state, String detail) {
                ui.execute(() -> status.set(address + ": " + state.label()));
            }
        });
    }

    @Override
    public void detach() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        pins.clear();
        route.set(Route.empty());
        presence.clear();
        offlineUsers.clear();
        welcomed = false;
        status.set("not connected");
    }

    @Override
    public boolean hasLiveData() {
        return welcomed;
    }

    /** A click on the map at {@code lat, lng}: set my pin or add a waypoint, per {@link #clickModeProperty()}. */
    public void mapClicked(double lat, double lng) {
        if (connection == null) {
            return;
        }
        GeoPoint at = GeoPoint.of(clamp(lat, 90), clamp(lng, 180));
        if (clickMode.get() == ClickMode.PIN) {
            connection.send(new ClientFrame.SetPin(at, me.get().isEmpty() ? null : me.get(), NameColors.forName(me.get())));
        } else {
            connection.send(new ClientFrame.AddWaypoint(at, "stop " + (route.get().waypoints().size() + 1)));
        }
    }

    /** Removes every waypoint. */
    public void clearRoute() {
        if (connection != null) {
            connection.send(new ClientFrame.ClearRoute());
        }
    }

    /** The colour a pin is drawn in: its own, else one derived from its user. */
    public String colorOf(Pin pin) {
        return pin.color() != null && pin.color().matches("#[0-9a-fA-F]{3,8}") ? pin.color() : NameColors.forName(pin.user());
    }

    /** The text next to a pin. */
    public String labelOf(Pin pin) {
        return pin.label() != null && !pin.label().isBlank() ? pin.label() : pin.user();
    }

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
            updateOffline(s.pins()); // before the pins change, so the view draws them with their state at once
            pins.setAll(s.pins());
            route.set(s.route() == null ? Route.empty() : s.route());
            welcomed = true;
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
            route.set(r.toRoute());
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

    private int indexOf(String pinId) {
        for (int i = 0; i < pins.size(); i++) {
            if (pins.get(i).pinId().equals(pinId)) {
                return i;
            }
        }
        return -1;
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }

    /** Every pin in the room. */
    public ObservableList<Pin> pins() {
        return pinsReadOnly;
    }

    /** Waypoints, meeting point and distances. */
    public ReadOnlyObjectProperty<Route> routeProperty() {
        return route.getReadOnlyProperty();
    }

    /** What a click does. */
    public ObjectProperty<ClickMode> clickModeProperty() {
        return clickMode;
    }

    /** Optional tile server URL template; empty means the offline country shapes only. */
    public StringProperty tileUrlProperty() {
        return tileUrl;
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
