package org.roomhub.client.ui.map;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Route;
import org.roomhub.protocol.value.Waypoint;

/** The room's shared route: its stops in order, its length, and the commands that change it. FX thread. */
final class RouteEditor {

    private final Predicate<ClientFrame> send;
    private final ReadOnlyObjectWrapper<Route> route = new ReadOnlyObjectWrapper<>(Route.empty());
    private final ReadOnlyDoubleWrapper lengthKm = new ReadOnlyDoubleWrapper();
    private int unseenStops;

    /** @param send sends a frame to the room; false when it did not go out */
    RouteEditor(Predicate<ClientFrame> send) {
        this.send = send;
        route.addListener((obs, old, now) -> lengthKm.set(lengthKm(now.waypoints())));
    }

    /** Adds a stop at the end, named "stop N". */
    void addStop(GeoPoint at) {
        // Count stops sent but not yet seen, so quick clicks get "stop 2", "stop 3", not "stop 2" twice.
        if (send.test(new ClientFrame.AddWaypoint(at, "stop " + (route.get().waypoints().size() + unseenStops + 1)))) {
            unseenStops++;
        }
    }

    /**
     * Moves the waypoint at {@code from} to {@code to}. The protocol has no reorder frame, so the
     * route is cleared and sent again in the new order.
     */
    void move(int from, int to) {
        List<Waypoint> stops = new ArrayList<>(route.get().waypoints());
        if (from == to || from < 0 || to < 0 || from >= stops.size() || to >= stops.size()) {
            return;
        }
        stops.add(to, stops.remove(from));
        send.test(new ClientFrame.ClearRoute());
        stops.forEach(w -> send.test(new ClientFrame.AddWaypoint(w.location(), w.label())));
    }

    /** Removes every waypoint. */
    void clear() {
        send.test(new ClientFrame.ClearRoute());
    }

    /** The room's route changed. */
    void updated(ServerFrame.RouteUpdate r) {
        int grown = r.waypoints().size() - route.get().waypoints().size();
        unseenStops = grown > 0 ? Math.max(0, unseenStops - grown) : 0;
        route.set(r.toRoute());
    }

    /** The route as a welcome or a restored plan has it (none: empty). */
    void show(Route state) {
        route.set(state == null ? Route.empty() : state);
    }

    ReadOnlyObjectProperty<Route> routeProperty() {
        return route.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty lengthKmProperty() {
        return lengthKm.getReadOnlyProperty();
    }

    /** Great-circle length along the waypoints, in km. */
    static double lengthKm(List<Waypoint> stops) {
        double km = 0;
        for (int i = 1; i < stops.size(); i++) {
            km += stops.get(i - 1).location().distanceKm(stops.get(i).location());
        }
        return km;
    }
}
