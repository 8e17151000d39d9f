package org.roomhub.client.ui.map;

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
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.RoomListener;
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

/** A shared map room: everyone's pins, the route with its meeting point and distances, and my clicks. */
public final class MapViewModel implements TabViewModel {

    private final Executor ui;
    private final ObservableList<Pin> pins = FXCollections.observableArrayList();
    private final ObservableList<Pin> pinsReadOnly = FXCollections.unmodifiableObservableList(pins);
    private final ReadOnlyObjectWrapper<Route> route = new ReadOnlyObjectWrapper<>(Route.empty());
    private final ObjectProperty<ClickMode> clickMode = new SimpleObjectProperty<>(ClickMode.PIN);
    private final StringProperty tileUrl = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper tileProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private final ReadOnlyStringWrapper me = new ReadOnlyStringWrapper("");
    private RoomConnection connection;
    private boolean welcomed;
    private SessionSettings session;
    private Identity identity;

    /** @param ui runs a task on the UI thread */
    public MapViewModel(Executor ui) {
        this.ui = ui;
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
        RoomAddress address = new RoomAddress("map", next.roomName());
        connection = hub.join(address, identity::current, new RoomListener() {
            @Override
            public void onFrame(ServerFrame frame) {
                ui.execute(() -> handle(frame));
            }

            @Override
            public void onStateChanged(ConnectionState state, String detail) {
                ui.execute(() -> status.set(HubParticipant.statusLine(address.toString(), state, detail)));
            }
        });
    }

    /** Leaves the room; the pins shown stay until another hub or room is chosen (the welcome refreshes them). */
    @Override
    public void detach() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        status.set("not connected");
    }

    /** My pin carries my name: after a rename it is moved in place with the new label. */
    private void relabelMyPin(String name) {
        if (connection == null) {
            return;
        }
        pins.stream().filter(p -> p.user().equals(me.get()) && !name.equals(p.label())).findFirst()
                .ifPresent(p -> connection.send(new ClientFrame.SetPin(p.location(), name, NameColors.forName(name))));
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
            String name = identity == null ? me.get() : identity.current();
            connection.send(new ClientFrame.SetPin(at, name.isEmpty() ? null : name, NameColors.forName(name)));
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
        } else if (frame instanceof ServerFrame.MapState s) {
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
        } else if (frame instanceof ServerFrame.PinRemoved r) {
            int at = indexOf(r.pinId());
            if (at >= 0) {
                pins.remove(at);
            }
        } else if (frame instanceof ServerFrame.RouteUpdate r) {
            route.set(r.toRoute());
        }
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

    /** My display name in the room. */
    public ReadOnlyStringProperty meProperty() {
        return me.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
