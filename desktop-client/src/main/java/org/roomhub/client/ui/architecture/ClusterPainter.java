package org.roomhub.client.ui.architecture;

import java.util.Map;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Draws a cluster where the single hub box stands: one box per member (id, state, rooms it hosts; the
 * watched one marked), and for a few seconds after a {@code room-moved} an arrow from the old host to the
 * new one, a dot travelling along it, and the room's box outlined. FX thread.
 */
final class ClusterPainter {

    private static final Color UP = Color.web("#1e293b");
    private static final Color LEAVING = Color.web("#92400e");
    private static final Color DOWN = Color.web("#7f1d1d");
    private static final Color MOVE = Color.web("#ea580c");

    private ClusterPainter() {}

    static void members(GraphicsContext g, ClusterModel cluster, Map<String, Point2D> at, boolean unreachable) {
        for (ClusterModel.Member m : cluster.members()) {
            Point2D p = at.get(m.id());
            if (p == null) {
                continue;
            }
            boolean self = m.id().equals(cluster.self());
            Color fill = switch (m.state()) {
                case "up" -> self && unreachable ? DOWN : UP;
                case "leaving" -> LEAVING;
                default -> DOWN;
            };
            String title = "member " + m.id() + (self ? " ◉" : "");
            String detail = (self && unreachable ? "unreachable" : m.state()) + " · " + m.rooms() + (m.rooms() == 1 ? " room" : " rooms");
            DiagramPainter.drawBox(g, p, DiagramLayout.HUB_W, 46, fill, Color.WHITE, title, detail);
        }
        g.setFill(Color.web("#475569"));
        g.setFont(DiagramStyle.SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("◉ watched", 12, DiagramLayout.TOP - 8);
    }

    static void moves(GraphicsContext g, ClusterModel cluster, Map<String, Point2D> members, DiagramLayout layout) {
        long now = System.currentTimeMillis();
        Map<String, Integer> labelsOnPath = new java.util.HashMap<>(); // rooms moving between the same members
        for (ClusterModel.Move move : cluster.recentMoves()) {
            Point2D from = members.get(move.from());
            Point2D to = members.get(move.to());
            DiagramLayout.Box box = layout.boxes().get(move.room());
            g.setStroke(MOVE);
            g.setLineWidth(2.5);
            if (box != null) {
                g.strokeRoundRect(box.x() - 2, box.y() - 2, box.w() + 4, box.h() + 4, 10, 10);
            }
            if (from == null || to == null) {
                continue;
            }
            // A bow beside the member column, so it does not hide the members' own boxes.
            double bow = DiagramLayout.HUB_W / 2 + 30;
            g.beginPath();
            g.moveTo(from.getX() + DiagramLayout.HUB_W / 2, from.getY());
            g.bezierCurveTo(from.getX() + bow, from.getY(), to.getX() + bow, to.getY(), to.getX() + DiagramLayout.HUB_W / 2, to.getY());
            g.stroke();
            double t = Math.min(1, (now - move.at()) / (double) ClusterModel.MOVE_MILLIS * 2);
            double x = bezier(from.getX() + DiagramLayout.HUB_W / 2, from.getX() + bow, to.getX() + bow, to.getX() + DiagramLayout.HUB_W / 2, t);
            double y = bezier(from.getY(), from.getY(), to.getY(), to.getY(), t);
            g.setFill(MOVE);
            g.fillOval(x - 5, y - 5, 10, 10);
            g.setFont(DiagramStyle.SMALL);
            g.setTextAlign(TextAlignment.LEFT);
            int stacked = labelsOnPath.merge(move.from() + "→" + move.to(), 1, Integer::sum) - 1;
            g.fillText(move.room() + " → " + move.to(), from.getX() + bow + 4, (from.getY() + to.getY()) / 2 + stacked * 14);
        }
        g.setLineWidth(1.2);
    }

    private static double bezier(double a, double b, double c, double d, double t) {
        double u = 1 - t;
        return u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * c + t * t * t * d;
    }
}
