package org.roomhub.client.ui.architecture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;

/**
 * Where hub, rooms and clients stand on the canvas this frame: the hub on the left, rooms in a
 * column, each room's clients fanned out to its right. Recomputed every frame. FX thread.
 */
final class DiagramLayout {

    static final double HUB_W = 100;

    private final Map<String, Point2D> roomPos = new HashMap<>();
    private final Map<String, Point2D> clientPos = new HashMap<>();
    private final Map<String, ClientNode> clientAt = new HashMap<>();

    /** Places {@code keys}' rooms and {@code clients} in a diagram {@code w} wide and {@code h} high. */
    void place(List<String> keys, List<ClientNode> clients, double w, double h) {
        roomPos.clear();
        clientPos.clear();
        clientAt.clear();
        double roomX = roomX(w);
        for (int i = 0; i < keys.size(); i++) {
            double y = h * (i + 1) / (keys.size() + 1);
            roomPos.put(keys.get(i), new Point2D(roomX, y));
        }
        Map<String, List<ClientNode>> byRoom = new HashMap<>();
        clients.forEach(c -> byRoom.computeIfAbsent(c.room(), k -> new ArrayList<>()).add(c));
        byRoom.forEach((room, list) -> {
            Point2D r = roomPos.get(room);
            if (r == null) {
                return;
            }
            double span = Math.min(h / Math.max(1, keys.size() + 1) * 0.9, 30.0 * list.size());
            for (int i = 0; i < list.size(); i++) {
                double y = list.size() == 1 ? r.getY() : r.getY() - span / 2 + span * i / (list.size() - 1);
                Point2D p = new Point2D(clientX(w), y);
                clientPos.put(list.get(i).sessionId(), p);
                clientAt.put(list.get(i).sessionId(), list.get(i));
            }
        });
    }

    /** Room centres by room key. */
    Map<String, Point2D> rooms() {
        return roomPos;
    }

    /** Where the room {@code key} stands, or null. */
    Point2D room(String key) {
        return roomPos.get(key);
    }

    /** Where the client with {@code sessionId} stands, or null. */
    Point2D client(String sessionId) {
        return clientPos.get(sessionId);
    }

    /** The clients drawn within a click's reach of ({@code x}, {@code y}). */
    List<ClientNode> clientsNear(double x, double y) {
        List<ClientNode> near = new ArrayList<>();
        clientPos.forEach((id, p) -> {
            if (p.distance(x, y) < 12 && clientAt.containsKey(id)) {
                near.add(clientAt.get(id));
            }
        });
        return near;
    }

    /** Room boxes narrow with the canvas so hub, rooms and client labels all fit. */
    static double roomWidth(double w) {
        return Math.max(180, Math.min(200, w * 0.32));
    }

    private static double roomX(double w) {
        return Math.max(HUB_W + 10 + 36 + roomWidth(w) / 2, w * 0.40);
    }

    private static double clientX(double w) {
        return Math.max(roomX(w) + roomWidth(w) / 2 + 34, w * 0.72);
    }
}
