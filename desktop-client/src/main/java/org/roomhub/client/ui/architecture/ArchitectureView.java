package org.roomhub.client.ui.architecture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;
import org.roomhub.protocol.value.RoomState;

/**
 * Hub, rooms and clients on a canvas, redrawn each frame: rooms coloured by lifecycle state,
 * clients labelled with user and transport, a dot per frame in flight (sampled when dense), a
 * timeline strip per room. Click a client to disconnect it.
 */
public final class ArchitectureView extends BorderPane {

    private static final long DOT_MILLIS = 700;
    private static final int MAX_DOTS = 300;
    private static final long TIMELINE_MILLIS = 120_000;
    private static final Font BOLD = Font.font("System", FontWeight.BOLD, 12);
    private static final Font SMALL = Font.font("System", 10.5);

    private final ArchitectureViewModel viewModel;
    private final Canvas canvas = new Canvas();
    private final List<Dot> dots = new ArrayList<>();
    private final Map<String, Point2D> roomPos = new HashMap<>();
    private final Map<String, Point2D> clientPos = new HashMap<>();
    private final Map<String, ClientNode> clientAt = new HashMap<>();
    private final Map<String, Integer> recentPerRoom = new HashMap<>();
    private long lastTick;

    /** A moving dot from {@code a} to {@code b}. */
    private record Dot(Point2D a, Point2D b, long born, Color color) {}

    /** The view of {@code viewModel}. */
    public ArchitectureView(ArchitectureViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("architecture-view");
        Pane holder = new Pane(canvas);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        holder.setMinSize(220, 300);
        canvas.setId("architecture-canvas");
        canvas.setOnMouseClicked(e -> clientNear(e.getX(), e.getY()));
        setCenter(holder);
        setRight(new ArchitectureSidebar(viewModel));
        org.roomhub.client.ui.lab.LabView lab = new org.roomhub.client.ui.lab.LabView(viewModel.lab());
        lab.prefWidthProperty().bind(widthProperty().multiply(0.3)); // a narrow window still fits diagram and sidebar
        setLeft(lab);
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame();
            }
        }.start();
    }

    private void frame() {
        long now = System.currentTimeMillis();
        if (now - lastTick >= 1000) {
            viewModel.tick();
            recentPerRoom.clear();
            lastTick = now;
        }
        layoutNodes();
        spawnDots(now);
        draw(now);
    }

    private void layoutNodes() {
        double w = canvas.getWidth();
        double h = canvas.getHeight() - timelineHeight();
        List<String> keys = viewModel.roomKeys();
        roomPos.clear();
        clientPos.clear();
        clientAt.clear();
        double roomX = roomX(w);
        for (int i = 0; i < keys.size(); i++) {
            double y = h * (i + 1) / (keys.size() + 1);
            roomPos.put(keys.get(i), new Point2D(roomX, y));
        }
        Map<String, List<ClientNode>> byRoom = new HashMap<>();
        viewModel.clients().forEach(c -> byRoom.computeIfAbsent(c.room(), k -> new ArrayList<>()).add(c));
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

    private void spawnDots(long now) {
        for (FlowEvent f : viewModel.drainFlows()) {
            Point2D room = roomPos.get(f.room());
            if (room == null) {
                continue;
            }
            int seen = recentPerRoom.merge(f.room(), 1, Integer::sum);
            if (seen > 40 || dots.size() > MAX_DOTS) {
                continue; // a sample of the dots: the frames/s label tells the real figure
            }
            Point2D from = clientPos.get(f.from());
            if (from != null) {
                dots.add(new Dot(from, room, now, Color.web("#2563eb")));
            }
            List<Point2D> targets = new ArrayList<>();
            if (f.broadcast()) {
                viewModel.clients().stream().filter(c -> c.room().equals(f.room()))
                        .map(c -> clientPos.get(c.sessionId())).filter(p -> p != null).forEach(targets::add);
            } else {
                f.to().stream().map(clientPos::get).filter(p -> p != null).forEach(targets::add);
            }
            long delay = from != null ? DOT_MILLIS : 0;
            targets.forEach(t -> dots.add(new Dot(room, t, now + delay, Color.web("#e11d48"))));
        }
    }

    private void draw(long now) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#f8fafc"));
        g.fillRect(0, 0, w, h);
        double diagramH = h - timelineHeight();
        Point2D hub = new Point2D(HUB_W / 2 + 10, diagramH / 2);

        g.setLineWidth(1.2);
        for (Map.Entry<String, Point2D> e : roomPos.entrySet()) {
            g.setStroke(Color.web("#cbd5e1"));
            g.strokeLine(hub.getX(), hub.getY(), e.getValue().getX(), e.getValue().getY());
        }
        for (ClientNode c : viewModel.clients()) {
            Point2D p = clientPos.get(c.sessionId());
            Point2D r = roomPos.get(c.room());
            if (p != null && r != null) {
                g.setStroke(Color.web("#cbd5e1"));
                g.strokeLine(r.getX(), r.getY(), p.getX(), p.getY());
            }
        }
        boolean unreachable = viewModel.reachabilityProperty().get() == Reachability.UNREACHABLE;
        drawBox(g, hub, HUB_W, 46, unreachable ? Color.web("#7f1d1d") : Color.web("#1e293b"), Color.WHITE, "hub",
                unreachable ? "unreachable" : "rooms: " + roomPos.size());
        double roomW = roomWidth(w);
        for (Map.Entry<String, Point2D> e : roomPos.entrySet()) {
            RoomNode room = viewModel.rooms().get(e.getKey());
            if (room != null && unreachable) {
                // What was last drawn is no longer known to be true: say so rather than show stale figures.
                drawBox(g, e.getValue(), roomW, 46, Color.web("#e2e8f0"), Color.web("#64748b"), e.getKey(), "hub unreachable");
            } else if (room != null) {
                String detail = room.state().wireName() + " · " + room.connections() + " conn · " + room.messages() + " msg · " + room.hibernations() + " hib";
                drawBox(g, e.getValue(), roomW, 46, stateColor(room.state()), Color.web("#0f172a"), e.getKey(), CanvasText.fit(detail, SMALL, roomW - 8));
                double rate = viewModel.roomRate(e.getKey());
                if (rate >= 0.5) {
                    // The same figure, per room, as the sidebar's total: frames per second over the last second.
                    g.setFill(Color.web("#b91c1c"));
                    g.setFont(BOLD);
                    g.setTextAlign(TextAlignment.CENTER);
                    g.fillText(String.format("%.0f %s", rate, Math.round(rate) == 1 ? "frame/s" : "frames/s"), e.getValue().getX(), e.getValue().getY() - 32);
                }
            }
        }
        for (ClientNode c : viewModel.clients()) {
            Point2D p = clientPos.get(c.sessionId());
            if (p != null) {
                g.setFill(c.simulated() ? Color.web("#ede9fe") : Color.web("#e0f2fe"));
                g.fillOval(p.getX() - 8, p.getY() - 8, 16, 16);
                g.setStroke(Color.web("#475569"));
                g.strokeOval(p.getX() - 8, p.getY() - 8, 16, 16);
                g.setFill(Color.web("#0f172a"));
                g.setFont(SMALL);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(CanvasText.fit(viewModel.labelOf(c), SMALL, w - p.getX() - 16), p.getX() + 13, p.getY());
            }
        }
        if (unreachable) {
            g.setFill(Color.web("#b91c1c"));
            Font big = Font.font("System", FontWeight.BOLD, 15);
            g.setFont(big);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(CanvasText.fit(roomPos.isEmpty() ? "Hub unreachable — reconnecting…" : "Hub unreachable — reconnecting. Rooms are shown as last seen.",
                    big, w - 20), w / 2, 44);
        } else if (roomPos.isEmpty()) {
            g.setFill(Color.web("#64748b"));
            g.setFont(Font.font(15));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(CanvasText.fit("Waiting for the hub's observer stream… (" + viewModel.statusProperty().get() + ")", Font.font(15), w - 20),
                    w / 2, diagramH / 2 - 60);
        }
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
        drawLegend(g, w);
        drawTimeline(g, now, w, h);
    }

    private void drawLegend(GraphicsContext g, double w) {
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double[] at = {12, 16};
        for (RoomState s : RoomState.values()) {
            legendItem(g, w, at, stateColor(s), false, s.wireName());
        }
        legendItem(g, w, at, Color.web("#2563eb"), true, "client → room");
        legendItem(g, w, at, Color.web("#e11d48"), true, "room → client (dots: a sample)");
    }

    /** One legend item at {@code at} (x, y), wrapping to a new row when the canvas is too narrow. */
    private void legendItem(GraphicsContext g, double w, double[] at, Color color, boolean dot, String text) {
        double width = 16 + CanvasText.width(text, SMALL) + 18;
        if (at[0] > 12 && at[0] + width > w - 8) {
            at[0] = 12;
            at[1] += 18;
        }
        g.setFill(color);
        if (dot) {
            g.fillOval(at[0], at[1] - 5, 9, 9);
        } else {
            g.fillRect(at[0], at[1] - 6, 12, 12);
        }
        g.setFill(Color.web("#334155"));
        g.fillText(text, at[0] + 16, at[1]);
        at[0] += width;
    }

    private static final double HUB_W = 100;

    /** Room boxes narrow with the canvas so hub, rooms and client labels all fit. */
    private static double roomWidth(double w) {
        return Math.max(180, Math.min(200, w * 0.32));
    }

    private static double roomX(double w) {
        return Math.max(HUB_W + 10 + 36 + roomWidth(w) / 2, w * 0.40);
    }

    private static double clientX(double w) {
        return Math.max(roomX(w) + roomWidth(w) / 2 + 34, w * 0.72);
    }

    private double timelineHeight() {
        return 30 + 18 * Math.max(1, viewModel.roomKeys().size());
    }

    private void drawTimeline(GraphicsContext g, long now, double w, double h) {
        double top = h - timelineHeight();
        g.setStroke(Color.web("#e2e8f0"));
        g.strokeLine(0, top, w, top);
        g.setFill(Color.web("#334155"));
        g.setFont(BOLD);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("Room states, last 2 minutes", 12, top + 12);
        double left = 150;
        double width = w - left - 12;
        int row = 0;
        for (String key : viewModel.roomKeys()) {
            RoomNode room = viewModel.rooms().get(key);
            double y = top + 24 + row * 18;
            g.setFill(Color.web("#334155"));
            g.setFont(SMALL);
            g.fillText(key, 12, y + 7);
            List<RoomNode.StateSpan> spans = room.spans();
            for (int i = 0; i < spans.size(); i++) {
                long from = Math.max(spans.get(i).since(), now - TIMELINE_MILLIS);
                long to = i + 1 < spans.size() ? spans.get(i + 1).since() : now;
                if (to <= now - TIMELINE_MILLIS) {
                    continue;
                }
                double x0 = left + width * (from - (now - TIMELINE_MILLIS)) / TIMELINE_MILLIS;
                double x1 = left + width * (to - (now - TIMELINE_MILLIS)) / TIMELINE_MILLIS;
                g.setFill(stateColor(spans.get(i).state()));
                g.fillRect(x0, y, Math.max(1, x1 - x0), 14);
            }
            row++;
        }
    }

    private static void drawBox(GraphicsContext g, Point2D c, double w, double h, Color fill, Color text, String title, String detail) {
        g.setFill(fill);
        g.fillRoundRect(c.getX() - w / 2, c.getY() - h / 2, w, h, 10, 10);
        g.setStroke(Color.web("#475569"));
        g.strokeRoundRect(c.getX() - w / 2, c.getY() - h / 2, w, h, 10, 10);
        g.setFill(text);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(BOLD);
        g.fillText(title, c.getX(), c.getY() - 9);
        g.setFont(SMALL);
        g.fillText(detail, c.getX(), c.getY() + 10);
    }

    /** Colour of a lifecycle state, shared by boxes, legend and timeline. */
    static Color stateColor(RoomState state) {
        return switch (state) {
            case ACTIVE -> Color.web("#86efac");
            case IDLE -> Color.web("#fde68a");
            case HIBERNATING -> Color.web("#93c5fd");
            case RESUMING -> Color.web("#f0abfc");
        };
    }

    private void clientNear(double x, double y) {
        clientPos.forEach((id, p) -> {
            if (p.distance(x, y) < 12 && clientAt.containsKey(id)) {
                viewModel.disconnect(clientAt.get(id));
            }
        });
    }

}
