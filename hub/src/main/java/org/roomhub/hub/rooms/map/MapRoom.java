package org.roomhub.hub.rooms.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roomhub.hub.room.Connection;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomStorage;
import org.roomhub.hub.room.RoomStorage.ListOptions;
import org.roomhub.hub.rooms.Keys;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Route;
import org.roomhub.protocol.value.Waypoint;

/**
 * A shared waypoint map. One pin per user ({@code pin/<pinId>}), the route's waypoints under
 * {@code route}. The meeting point is the pins' geographic midpoint; each user's distance is the
 * great-circle distance from their pin to it.
 */
final class MapRoom implements RoomObject {

    static final int MAX_WAYPOINTS = 100;
    private static final String[] PALETTE = {"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
        "#f032e6", "#9a6324", "#800000", "#469990", "#000075", "#808000"};

    /** The stored route. */
    record Waypoints(List<Waypoint> items) {}

    private final RoomContext ctx;
    private final RoomStorage storage;
    private final Map<String, Pin> pins = new LinkedHashMap<>();
    private final List<Waypoint> waypoints = new ArrayList<>();

    MapRoom(RoomContext ctx) {
        this.ctx = ctx;
        this.storage = ctx.storage();
        storage.list(ListOptions.prefix("pin/"), Pin.class).values().forEach(p -> pins.put(p.pinId(), p));
        storage.get("route", Waypoints.class).ifPresent(w -> waypoints.addAll(w.items()));
    }

    @Override
    public void welcome(Connection c) {
        c.send(new ServerFrame.MapState(List.copyOf(pins.values()), route(), now()));
    }

    @Override
    public void onMessage(Connection c, ClientFrame frame) {
        if (frame instanceof ClientFrame.SetPin p) {
            String pinId = "pin-" + Keys.segment(c.user());
            String color = p.color() != null ? p.color() : colorOf(c.user());
            String label = p.label() != null ? p.label() : c.user();
            Pin pin = new Pin(pinId, c.user(), p.location(), label, color);
            pins.put(pinId, pin);
            storage.put("pin/" + pinId, pin);
            ctx.broadcast(seq -> new ServerFrame.PinUpdate(pinId, pin.user(), pin.location(), label, color, now(), seq));
            broadcastRoute();
        } else if (frame instanceof ClientFrame.RemovePin r) {
            if (pins.remove(r.pinId()) == null) {
                c.send(new ServerFrame.Error(ErrorCode.INVALID_MESSAGE, "no pin " + r.pinId(), now()));
                return;
            }
            storage.delete("pin/" + r.pinId());
            ctx.broadcast(seq -> new ServerFrame.PinRemoved(r.pinId(), now(), seq));
            broadcastRoute();
        } else if (frame instanceof ClientFrame.AddWaypoint w) {
            if (waypoints.size() >= MAX_WAYPOINTS) {
                c.send(new ServerFrame.Error(ErrorCode.INVALID_MESSAGE, "a route holds at most " + MAX_WAYPOINTS + " waypoints", now()));
                return;
            }
            waypoints.add(new Waypoint(w.location(), w.label()));
            storage.put("route", new Waypoints(List.copyOf(waypoints)));
            broadcastRoute();
        } else if (frame instanceof ClientFrame.ClearRoute) {
            waypoints.clear();
            storage.delete("route");
            broadcastRoute();
        }
    }

    private void broadcastRoute() {
        Route r = route();
        ctx.broadcast(seq -> new ServerFrame.RouteUpdate(r.waypoints(), r.meetingPoint(), r.distancesKm(), now(), seq));
    }

    private Route route() {
        if (pins.isEmpty()) {
            return new Route(waypoints, null, Map.of());
        }
        GeoPoint meeting = Geo.midpoint(pins.values().stream().map(Pin::location).toList());
        Map<String, Double> distances = new TreeMap<>();
        pins.values().forEach(p -> distances.put(p.user(), Math.round(p.location().distanceKm(meeting) * 1000) / 1000.0));
        return new Route(waypoints, meeting, distances);
    }

    private static String colorOf(String user) {
        return PALETTE[Math.floorMod(user.hashCode(), PALETTE.length)];
    }

    private long now() {
        return ctx.clock().millis();
    }
}
