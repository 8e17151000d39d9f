package org.roomhub.client.ui.architecture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/** The dots of frames in flight: client → room in blue, then room → client in red; sampled when dense. FX thread. */
final class FlowDots {

    private static final long DOT_MILLIS = 700;
    private static final int MAX_DOTS = 300;
    private static final int MAX_PER_ROOM_SECOND = 40;

    /** A moving dot from {@code a} to {@code b}. */
    private record Dot(Point2D a, Point2D b, long born, Color color) {}

    private final List<Dot> dots = new ArrayList<>();
    private final Map<String, Integer> recentPerRoom = new HashMap<>();

    /** Starts a new second of sampling: each room may again spawn its share of dots. */
    void newSecond() {
        recentPerRoom.clear();
    }

    /** Adds the dots of {@code flows}, placed by {@code layout}; {@code clients} are those on the diagram. */
    void spawn(List<FlowEvent> flows, List<ClientNode> clients, DiagramLayout layout, long now) {
        for (FlowEvent f : flows) {
            Point2D room = layout.room(f.room());
            if (room == null) {
                continue;
            }
            int seen = recentPerRoom.merge(f.room(), 1, Integer::sum);
            if (seen > MAX_PER_ROOM_SECOND || dots.size() > MAX_DOTS) {
                continue; // a sample of the dots: the frames/s label tells the real figure
            }
            Point2D from = layout.client(f.from());
            if (from != null) {
                dots.add(new Dot(from, room, now, Color.web("#2563eb")));
            }
            List<Point2D> targets = new ArrayList<>();
            if (f.broadcast()) {
                clients.stream().filter(c -> c.room().equals(f.room()))
                        .map(c -> layout.client(c.sessionId())).filter(p -> p != null).forEach(targets::add);
            } else {
                f.to().stream().map(layout::client).filter(p -> p != null).forEach(targets::add);
            }
            long delay = from != null ? DOT_MILLIS : 0;
            targets.forEach(t -> dots.add(new Dot(room, t, now + delay, Color.web("#e11d48"))));
        }
    }

    /** Draws each dot where it is at {@code now}, dropping those that arrived. */
    void draw(GraphicsContext g, long now) {
        Iterator<Dot> it = dots.iterator();
        while (it.hasNext()) {
            Dot d = it.next();
            double t = (now - d.born()) / (double) DOT_MILLIS;
            if (t > 1) {
                it.remove();
                continue;
            }
            if (t < 0) {
                continue;
            }
            double x = d.a().getX() + (d.b().getX() - d.a().getX()) * t;
            double y = d.a().getY() + (d.b().getY() - d.a().getY()) * t;
            g.setFill(d.color());
            g.fillOval(x - 4, y - 4, 8, 8);
        }
    }
}
