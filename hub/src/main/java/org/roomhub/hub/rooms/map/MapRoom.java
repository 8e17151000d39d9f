package org.roomhub.hub.rooms.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.roomhub.hub.room.Connection;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomRequest;
import org.roomhub.hub.room.RoomResponse;
import org.roomhub.hub.room.RoomStorage;
import org.roomhub.hub.room.RoomStorage.ListOptions;
import org.roomhub.hub.rooms.Keys;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Presence;
import org.roomhub.protocol.value.Route;
import org.roomhub.protocol.value.Waypoint;

/**
 * A shared trip-planning map. Pins ({@code pin/<pinId>}) belong to the user who placed them: only
 * the owner or an admin moves, edits or removes one. The route's waypoints are under {@code route},
 * named snapshots of both under {@code snapshot/<name>}. The meeting point is the pins' geographic
 * midpoint; each person's distance is from their own pin (else their nearest pin) to it.
 */
final class MapRoom implements RoomObject {

    static final int MAX_WAYPOINTS = 100;
    static final int MAX_PINS = 200;
    static final int MAX_SNAPSHOTS = 50;
    private static final String[] PALETTE = {"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
        "#f032e6", "#9a6324", "#800000", "#469990", "#000075", "#808000"};

    /** The stored route. */
    record Waypoints(List<Waypoint> items) {}

    private final RoomContext ctx;
    private final RoomStorage storage;
    private final Map<String, Pin> pins = new LinkedHashMap<>();
    private final List<Waypoint> waypoints = new ArrayList<>();
    private final TreeSet<String> snapshots = new TreeSet<>();
    /** The welcome state as of a presence version: reused (so encoded once) while pins, route and who is online stay. */
    private ServerFrame.MapState welcomeState;
    private long welcomeVersion;

    MapRoom(RoomContext ctx) {
        this.ctx = ctx;
        this.storage = ctx.storage();
        storage.list(ListOptions.prefix("pin/"), Pin.class).values().forEach(p -> pins.put(p.pinId(), p));
        storage.get("route", Waypoints.class).ifPresent(w -> waypoints.addAll(w.items()));
        storage.list(ListOptions.prefix("snapshot/"), MapPlan.class).keySet()
                .forEach(key -> snapshots.add(key.substring("snapshot/".length())));
    }

    @Override
    public void welcome(Connection c) {
        // Who is here now, so a pin whose owner left before this client came shows offline at once.
        List<Pin> shown = List.copyOf(pins.values());
        Route route = route();
        if (welcomeState == null || welcomeVersion != ctx.presenceVersion()) {
            welcomeVersion = ctx.presenceVersion();
            List<Presence> online = ctx.getWebSockets().stream().map(s -> new Presence(s.sessionId(), s.user())).toList();
            welcomeState = new ServerFrame.MapState(shown, route, online, now());
        } else if (!welcomeState.pins().equals(shown) || !welcomeState.route().equals(route)) {
            welcomeState = new ServerFrame.MapState(shown, route, welcomeState.online(), now());
        }
        c.send(welcomeState);
        c.send(new ServerFrame.SnapshotNames(List.copyOf(snapshots), now()));
    }

    @Override
    public void onMessage(Connection c, ClientFrame frame) {
        if (frame instanceof ClientFrame.SetPin p) {
            setPin(c, p);
        } else if (frame instanceof ClientFrame.RemovePin r) {
            removePin(c, r.pinId());
        } else if (frame instanceof ClientFrame.AddWaypoint w) {
            if (waypoints.size() >= MAX_WAYPOINTS) {
                refuse(c, ErrorCode.INVALID_MESSAGE, "a route holds at most " + MAX_WAYPOINTS + " waypoints");
                return;
            }
            waypoints.add(new Waypoint(w.location(), w.label()));
            storeRoute();
            broadcastRoute();
        } else if (frame instanceof ClientFrame.ClearRoute) {
            waypoints.clear();
            storeRoute();
            broadcastRoute();
        } else if (frame instanceof ClientFrame.SaveSnapshot s) {
            saveSnapshot(c, s.name());
        } else if (frame instanceof ClientFrame.RestoreSnapshot s) {
            restoreSnapshot(c, s.name());
        } else if (frame instanceof ClientFrame.DeleteSnapshot s) {
            if (!snapshots.remove(s.name())) {
                refuse(c, ErrorCode.INVALID_MESSAGE, "no snapshot named " + s.name());
                return;
            }
            storage.delete("snapshot/" + s.name());
            broadcastSnapshots();
        }
    }

    @Override
    public RoomResponse onRequest(RoomRequest request) {
        return new MapFiles(ctx.address().name()).answer(request, this::plan, route().meetingPoint(), this::importPlan);
    }

    // ---- pins ------------------------------------------------------------------------------

    private void setPin(Connection c, ClientFrame.SetPin p) {
        String pinId = p.pinId() != null ? p.pinId() : ownPinId(c.user());
        Pin existing = pins.get(pinId);
        if (existing != null && !mayChange(existing, c.user(), c.role())) {
            refuse(c, ErrorCode.FORBIDDEN, "pin " + pinId + " belongs to " + existing.user());
            return;
        }
        if (existing == null && pins.size() >= MAX_PINS) {
            refuse(c, ErrorCode.INVALID_MESSAGE, "a map holds at most " + MAX_PINS + " pins");
            return;
        }
        // Omitted fields keep the pin's current value (a drag sends only the location); "" clears one.
        String owner = existing != null ? existing.user() : c.user();
        String label = pick(p.label(), existing != null ? existing.label() : owner);
        String color = pick(p.color(), existing != null ? existing.color() : colorOf(owner));
        String note = pick(p.note(), existing != null ? existing.note() : null);
        Pin pin = new Pin(pinId, owner, p.location(), label, color, note);
        putPin(pin);
        ctx.broadcast(seq -> new ServerFrame.PinUpdate(pin, now(), seq));
        broadcastRoute();
    }

    private void removePin(Connection c, String pinId) {
        Pin existing = pins.get(pinId);
        if (existing == null) {
            refuse(c, ErrorCode.INVALID_MESSAGE, "no pin " + pinId);
            return;
        }
        if (!mayChange(existing, c.user(), c.role())) {
            refuse(c, ErrorCode.FORBIDDEN, "pin " + pinId + " belongs to " + existing.user());
            return;
        }
        pins.remove(pinId);
        storage.delete("pin/" + pinId);
        ctx.broadcast(seq -> new ServerFrame.PinRemoved(pinId, now(), seq));
        broadcastRoute();
    }

    private void putPin(Pin pin) {
        pins.put(pin.pinId(), pin);
        storage.put("pin/" + pin.pinId(), pin);
    }

    static boolean mayChange(Pin pin, String user, String role) {
        return pin.user().equals(user) || "admin".equals(role);
    }

    /** The id of the pin a {@code set-pin} without {@code pinId} moves: one per user. */
    static String ownPinId(String user) {
        return "pin-" + Keys.segment(user);
    }

    private static String pick(String given, String current) {
        if (given == null) {
            return current;
        }
        return given.isEmpty() ? null : given;
    }

    // ---- snapshots -------------------------------------------------------------------------

    private void saveSnapshot(Connection c, String name) {
        if (!snapshots.contains(name) && snapshots.size() >= MAX_SNAPSHOTS) {
            refuse(c, ErrorCode.INVALID_MESSAGE, "a map keeps at most " + MAX_SNAPSHOTS + " snapshots; delete one first");
            return;
        }
        storage.put("snapshot/" + name, plan());
        snapshots.add(name);
        broadcastSnapshots();
    }

    private void restoreSnapshot(Connection c, String name) {
        var saved = snapshots.contains(name) ? storage.get("snapshot/" + name, MapPlan.class) : java.util.Optional.<MapPlan>empty();
        if (saved.isEmpty()) {
            refuse(c, ErrorCode.INVALID_MESSAGE, "no snapshot named " + name);
            return;
        }
        storage.delete(pins.keySet().stream().map(id -> "pin/" + id).toList());
        pins.clear();
        saved.get().pins().forEach(this::putPin);
        waypoints.clear();
        waypoints.addAll(saved.get().waypoints());
        storeRoute();
        broadcastState();
    }

    // ---- import ----------------------------------------------------------------------------

    /** Adds an imported plan whole, or refuses it whole with the reason (for a 400). */
    private String importPlan(MapPlan plan, String user, String role) {
        List<Pin> added = new ArrayList<>();
        int fresh = 0;
        for (Pin p : plan.pins()) {
            String id = p.pinId();
            Pin existing = id.isEmpty() ? null : pins.get(id);
            boolean taken = id.isEmpty() || id.length() > Pin.MAX_ID || (existing != null && !mayChange(existing, user, role))
                    || added.stream().anyMatch(a -> a.pinId().equals(p.pinId()));
            if (taken) {
                // No id, or someone else's: the imported pin becomes a new one rather than change theirs.
                do {
                    id = "imp-" + Long.toString(ctx.clock().millis(), 36) + "-" + (++fresh);
                } while (pins.containsKey(id));
            }
            String owner = existing != null && !taken ? existing.user() : p.user();
            added.add(new Pin(id, owner, p.location(), p.label(), p.color(), p.note()));
        }
        long newPins = added.stream().filter(p -> !pins.containsKey(p.pinId())).count();
        if (pins.size() + newPins > MAX_PINS) {
            return "the map would hold " + (pins.size() + newPins) + " pins; at most " + MAX_PINS;
        }
        if (waypoints.size() + plan.waypoints().size() > MAX_WAYPOINTS) {
            return "the route would hold " + (waypoints.size() + plan.waypoints().size()) + " waypoints; at most " + MAX_WAYPOINTS;
        }
        added.forEach(this::putPin);
        waypoints.addAll(plan.waypoints());
        storeRoute();
        broadcastState();
        return null;
    }

    // ---- state -----------------------------------------------------------------------------

    MapPlan plan() {
        return new MapPlan(List.copyOf(pins.values()), List.copyOf(waypoints));
    }

    private void storeRoute() {
        if (waypoints.isEmpty()) {
            storage.delete("route");
        } else {
            storage.put("route", new Waypoints(List.copyOf(waypoints)));
        }
    }

    private void broadcastRoute() {
        Route r = route();
        ctx.broadcast(seq -> new ServerFrame.RouteUpdate(r.waypoints(), r.meetingPoint(), r.distancesKm(), now(), seq));
    }

    private void broadcastState() {
        List<Pin> all = List.copyOf(pins.values());
        Route r = route();
        ctx.broadcast(seq -> new ServerFrame.MapStateChanged(all, r, now(), seq));
    }

    private void broadcastSnapshots() {
        List<String> names = List.copyOf(snapshots);
        ctx.broadcast(seq -> new ServerFrame.SnapshotsChanged(names, now(), seq));
    }

    private Route route() {
        if (pins.isEmpty()) {
            return new Route(waypoints, null, Map.of());
        }
        GeoPoint meeting = Geo.midpoint(pins.values().stream().map(Pin::location).toList());
        Map<String, Double> distances = new TreeMap<>();
        for (Pin p : pins.values()) {
            double km = p.location().distanceKm(meeting);
            boolean own = p.pinId().equals(ownPinId(p.user()));
            // A person is where their own pin is; without one, at their pin nearest the meeting point.
            if (own || !distances.containsKey(p.user()) || (!pins.containsKey(ownPinId(p.user())) && km < distances.get(p.user()))) {
                distances.put(p.user(), Math.round(km * 1000) / 1000.0);
            }
        }
        return new Route(waypoints, meeting, distances);
    }

    private void refuse(Connection c, ErrorCode code, String message) {
        c.send(new ServerFrame.Error(code, message, now()));
    }

    private static String colorOf(String user) {
        return PALETTE[Math.floorMod(user.hashCode(), PALETTE.length)];
    }

    private long now() {
        return ctx.clock().millis();
    }
}
