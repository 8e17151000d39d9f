package org.roomhub.client.ui.architecture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;

/**
 * Where hub (or cluster members), rooms and clients stand on the canvas this frame: the hub on the left,
 * rooms in a column with each room's clients fanned out to its right. When the rooms do not fit one column
 * of full boxes, they become slim one-line boxes in as many columns as needed, each room's clients small dots
 * beside its box, so no two boxes overlap (30 rooms at 1280×800 stay readable). Recomputed every frame. FX thread.
 */
final class DiagramLayout {

    static final double HUB_W = 100;
    static final double FULL_H = 46;
    static final double SLIM_H = 22;
    /** Below the legend's rows. */
    static final double TOP = 62;
    private static final double BOTTOM = 8;
    private static final double GAP = 8;
    private static final double SLIM_GAP = 4;
    private static final double DOTS_W = 40;

    /** A room's box: top-left corner and size. */
    record Box(double x, double y, double w, double h) {
        Point2D centre() {
            return new Point2D(x + w / 2, y + h / 2);
        }

        boolean overlaps(Box o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }
    }

    private final Map<String, Box> boxes = new LinkedHashMap<>();
    private final Map<String, Point2D> roomPos = new HashMap<>();
    private final Map<String, Point2D> memberPos = new LinkedHashMap<>();
    private final Map<String, Point2D> clientPos = new HashMap<>();
    private final Map<String, ClientNode> clientAt = new HashMap<>();
    private boolean slim;

    /** Places {@code keys}' rooms and {@code clients} in a diagram {@code w} wide and {@code h} high, one hub. */
    void place(List<String> keys, List<ClientNode> clients, double w, double h) {
        place(keys, clients, List.of(), w, h);
    }

    /** The same with cluster {@code members} (ids) stacked where the hub stands. */
    void place(List<String> keys, List<ClientNode> clients, List<String> members, double w, double h) {
        boxes.clear();
        roomPos.clear();
        memberPos.clear();
        clientPos.clear();
        clientAt.clear();
        double avail = Math.max(FULL_H, h - TOP - BOTTOM);
        for (int j = 0; j < members.size(); j++) {
            memberPos.put(members.get(j), new Point2D(HUB_W / 2 + 10, TOP + avail * (j + 0.5) / members.size()));
        }
        int n = keys.size();
        int fullRows = (int) Math.max(1, Math.floor((avail + GAP) / (FULL_H + GAP)));
        slim = n > fullRows;
        Map<String, List<ClientNode>> byRoom = new HashMap<>();
        clients.forEach(c -> byRoom.computeIfAbsent(c.room(), k -> new ArrayList<>()).add(c));
        if (!slim) {
            double roomW = roomWidth(w);
            for (int i = 0; i < n; i++) {
                double cy = TOP + avail * (i + 0.5) / n;
                put(keys.get(i), new Box(roomX(w) - roomW / 2, cy - FULL_H / 2, roomW, FULL_H));
            }
            double step = n == 0 ? avail : avail / n;
            byRoom.forEach((room, list) -> fan(room, list, clientX(w), Math.min(step * 0.9, 30.0 * list.size())));
            return;
        }
        int rows = (int) Math.max(1, Math.floor((avail + SLIM_GAP) / (SLIM_H + SLIM_GAP)));
        int cols = (int) Math.ceil(n / (double) rows);
        rows = (int) Math.ceil(n / (double) cols); // balanced columns
        double left = HUB_W + 10 + 30;
        double colW = Math.max(60, (w - 8 - left) / cols);
        double boxW = Math.min(220, colW - DOTS_W);
        double step = avail / rows;
        for (int i = 0; i < n; i++) {
            int col = i / rows;
            int row = i % rows;
            double cy = TOP + step * (row + 0.5);
            put(keys.get(i), new Box(left + col * colW, cy - SLIM_H / 2, boxW, SLIM_H));
        }
        byRoom.forEach((room, list) -> {
            Box b = boxes.get(room);
            if (b != null) {
                for (int i = 0; i < list.size(); i++) { // a row of small dots beside the box; the box says how many
                    double x = Math.min(b.x() + b.w() + 8 + i * 7, b.x() + b.w() + DOTS_W - 6);
                    at(list.get(i), new Point2D(x, b.y() + b.h() / 2));
                }
            }
        });
    }

    private void put(String key, Box box) {
        boxes.put(key, box);
        roomPos.put(key, box.centre());
    }

    private void fan(String room, List<ClientNode> list, double x, double span) {
        Point2D r = roomPos.get(room);
        if (r == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            double y = list.size() == 1 ? r.getY() : r.getY() - span / 2 + span * i / (list.size() - 1);
            at(list.get(i), new Point2D(x, y));
        }
    }

    private void at(ClientNode client, Point2D p) {
        clientPos.put(client.sessionId(), p);
        clientAt.put(client.sessionId(), client);
    }

    /** Whether rooms are drawn as slim one-line boxes (too many for full ones); clients are then unlabelled dots. */
    boolean slim() {
        return slim;
    }

    /** Room boxes by room key, in the order placed. */
    Map<String, Box> boxes() {
        return boxes;
    }

    /** Room centres by room key. */
    Map<String, Point2D> rooms() {
        return roomPos;
    }

    /** Cluster members' centres by id (empty for a single hub). */
    Map<String, Point2D> members() {
        return memberPos;
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
            if (p.distance(x, y) < (slim ? 5 : 12) && clientAt.containsKey(id)) {
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
