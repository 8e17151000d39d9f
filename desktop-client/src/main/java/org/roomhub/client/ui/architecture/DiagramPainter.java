package org.roomhub.client.ui.architecture;

import java.util.Map;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws the diagram itself: links, the hub box, room boxes coloured by lifecycle state with their
 * frames/s, clients labelled with user and transport, and the waiting/unreachable message. FX thread.
 */
final class DiagramPainter {

    private static final Font SMALL = DiagramStyle.SMALL;
    private static final Color LINK = Color.web("#cbd5e1");

    private final ArchitectureViewModel viewModel;

    DiagramPainter(ArchitectureViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** Paints the background of a canvas {@code w} by {@code h} and the diagram in its top {@code diagramH} pixels. */
    void draw(GraphicsContext g, DiagramLayout layout, double w, double h, double diagramH) {
        g.setFill(Color.web("#f8fafc"));
        g.fillRect(0, 0, w, h);
        Point2D hub = new Point2D(DiagramLayout.HUB_W / 2 + 10, diagramH / 2);
        Map<String, Point2D> rooms = layout.rooms();
        ClusterModel cluster = viewModel.cluster();
        Map<String, Point2D> members = layout.members();

        g.setLineWidth(1.2);
        for (Map.Entry<String, Point2D> r : rooms.entrySet()) {
            Point2D from = members.isEmpty() ? hub : members.getOrDefault(hostOf(cluster, r.getKey()), hub);
            g.setStroke(LINK);
            g.strokeLine(from.getX(), from.getY(), r.getValue().getX(), r.getValue().getY());
        }
        for (ClientNode c : viewModel.clients()) {
            Point2D p = layout.client(c.sessionId());
            Point2D r = layout.room(c.room());
            if (p != null && r != null && !layout.slim()) {
                g.setStroke(LINK);
                g.strokeLine(r.getX(), r.getY(), p.getX(), p.getY());
            }
        }
        boolean unreachable = viewModel.reachabilityProperty().get() == Reachability.UNREACHABLE;
        if (members.isEmpty()) {
            drawBox(g, hub, DiagramLayout.HUB_W, 46, unreachable ? Color.web("#7f1d1d") : Color.web("#1e293b"), Color.WHITE, "hub",
                    unreachable ? "unreachable" : "rooms: " + rooms.size());
        } else {
            ClusterPainter.members(g, cluster, members, unreachable);
        }
        for (Map.Entry<String, DiagramLayout.Box> e : layout.boxes().entrySet()) {
            drawRoom(g, e.getKey(), e.getValue(), unreachable, layout.slim());
        }
        if (!members.isEmpty()) {
            ClusterPainter.moves(g, cluster, members, layout);
        }
        java.util.List<Point2D> labelled = new java.util.ArrayList<>();
        for (ClientNode c : viewModel.clients()) {
            Point2D p = layout.client(c.sessionId());
            if (p != null) {
                // Dots of a crowded room sit closer than a line of text: a label only where it clears the others.
                boolean label = labelled.stream().noneMatch(q -> Math.abs(q.getX() - p.getX()) < 1 && Math.abs(q.getY() - p.getY()) < 13);
                if (label) {
                    labelled.add(p);
                }
                drawClient(g, c, p, w, layout.slim(), label);
            }
        }
        drawMessage(g, rooms.isEmpty(), unreachable, w, diagramH);
    }

    private static String hostOf(ClusterModel cluster, String room) {
        String host = cluster.hostOf(room);
        return host != null ? host : cluster.self(); // not reported: drawn on the member the diagram watches
    }

    private void drawRoom(GraphicsContext g, String key, DiagramLayout.Box box, boolean unreachable, boolean slim) {
        RoomNode room = viewModel.rooms().get(key);
        Point2D at = box.centre();
        double roomW = box.w();
        if (room != null && slim) {
            // One line: the colour says the state; name and connections as far as they fit.
            Color fill = unreachable ? Color.web("#e2e8f0") : DiagramStyle.stateColor(room.state());
            String text = CanvasText.fit(key + " · " + room.connections() + " conn", SMALL, roomW - 8);
            drawSlim(g, box, fill, text);
        } else if (room != null && unreachable) {
            // What was last drawn is no longer known to be true: say so rather than show stale figures.
            drawBox(g, at, roomW, box.h(), Color.web("#e2e8f0"), Color.web("#64748b"), key, "hub unreachable");
        } else if (room != null) {
            String detail = room.state().wireName() + " · " + room.connections() + " conn · " + room.messages() + " msg";
            String full = detail + " · " + room.hibernations() + " hib";
            // The hibernation count goes first when the line is too long, rather than cutting a figure in half.
            String shown = CanvasText.width(full, SMALL) <= roomW - 8 ? full : CanvasText.fit(detail, SMALL, roomW - 8);
            drawBox(g, at, roomW, box.h(), DiagramStyle.stateColor(room.state()), Color.web("#0f172a"), key, shown);
            double rate = viewModel.roomRate(key);
            if (rate >= 0.5) {
                // The same figure, per room, as the sidebar's total: frames per second over the last second.
                g.setFill(Color.web("#b91c1c"));
                g.setFont(DiagramStyle.BOLD);
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(String.format("%.0f %s", rate, Math.round(rate) == 1 ? "frame/s" : "frames/s"), at.getX(), at.getY() - 32);
            }
        }
    }

    private static void drawSlim(GraphicsContext g, DiagramLayout.Box box, Color fill, String text) {
        g.setFill(fill);
        g.fillRoundRect(box.x(), box.y(), box.w(), box.h(), 8, 8);
        g.setStroke(Color.web("#475569"));
        g.strokeRoundRect(box.x(), box.y(), box.w(), box.h(), 8, 8);
        g.setFill(Color.web("#0f172a"));
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, box.x() + 5, box.y() + box.h() / 2);
    }

    private void drawClient(GraphicsContext g, ClientNode c, Point2D p, double w, boolean slim, boolean label) {
        g.setFill(c.simulated() ? Color.web("#ede9fe") : Color.web("#e0f2fe"));
        if (slim) {
            g.fillOval(p.getX() - 3, p.getY() - 3, 6, 6);
            g.setStroke(Color.web("#475569"));
            g.strokeOval(p.getX() - 3, p.getY() - 3, 6, 6);
            return;
        }
        g.fillOval(p.getX() - 8, p.getY() - 8, 16, 16);
        g.setStroke(Color.web("#475569"));
        g.strokeOval(p.getX() - 8, p.getY() - 8, 16, 16);
        if (!label) {
            return;
        }
        g.setFill(Color.web("#0f172a"));
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        String text = viewModel.labelOf(c);
        if (CanvasText.width(text, SMALL) > w - p.getX() - 16) { // short transport names before an ellipsis
            text = text.replace(" · websocket", " · ws").replace(" · polling", " · poll");
        }
        g.fillText(CanvasText.fit(text, SMALL, w - p.getX() - 16), p.getX() + 13, p.getY());
    }

    private void drawMessage(GraphicsContext g, boolean noRooms, boolean unreachable, double w, double diagramH) {
        if (unreachable) {
            g.setFill(Color.web("#b91c1c"));
            Font big = Font.font("System", FontWeight.BOLD, 15);
            g.setFont(big);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(CanvasText.fit(noRooms ? "Hub unreachable — reconnecting…" : "Hub unreachable — reconnecting. Rooms are shown as last seen.",
                    big, w - 20), w / 2, 44);
        } else if (noRooms) {
            g.setFill(Color.web("#64748b"));
            g.setFont(Font.font(15));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(CanvasText.fit("Waiting for the hub's observer stream… (" + viewModel.statusProperty().get() + ")", Font.font(15), w - 20),
                    w / 2, diagramH / 2 - 60);
        }
    }

    /** A rounded box {@code h} high centred on {@code c}: bold title above, small detail below. */
    static void drawBox(GraphicsContext g, Point2D c, double w, double h, Color fill, Color text, String title, String detail) {
        g.setFill(fill);
        g.fillRoundRect(c.getX() - w / 2, c.getY() - h / 2, w, h, 10, 10);
        g.setStroke(Color.web("#475569"));
        g.strokeRoundRect(c.getX() - w / 2, c.getY() - h / 2, w, h, 10, 10);
        g.setFill(text);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(DiagramStyle.BOLD);
        g.fillText(title, c.getX(), c.getY() - 9);
        g.setFont(SMALL);
        g.fillText(detail, c.getX(), c.getY() + 10);
    }
}
