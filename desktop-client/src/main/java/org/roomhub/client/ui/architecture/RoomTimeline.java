package org.roomhub.client.ui.architecture;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/** The strip under the diagram: one row per room, its lifecycle states over the last two minutes. FX thread. */
final class RoomTimeline {

    private static final long TIMELINE_MILLIS = 120_000;

    private final ArchitectureViewModel viewModel;

    RoomTimeline(ArchitectureViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** Height of the strip on a canvas {@code canvasH} high: a title row and one row per room, at most 28 % of the canvas. */
    double height(double canvasH) {
        return 30 + rowHeight(canvasH) * Math.max(1, viewModel.roomKeys().size());
    }

    /** 18 px a room, thinner (down to 4) when many rooms would take the diagram's room. */
    private double rowHeight(double canvasH) {
        int n = Math.max(1, viewModel.roomKeys().size());
        return Math.min(18, Math.max(4, Math.floor((canvasH * 0.28 - 30) / n)));
    }

    /** Draws the strip at the bottom of a canvas {@code w} by {@code h}. */
    void draw(GraphicsContext g, long now, double w, double h) {
        double rowH = rowHeight(h);
        int labelEvery = (int) Math.ceil(14 / rowH); // thin rows: a name every few rows, never on top of each other
        double top = h - height(h);
        g.setStroke(Color.web("#e2e8f0"));
        g.strokeLine(0, top, w, top);
        g.setFill(Color.web("#334155"));
        g.setFont(DiagramStyle.BOLD);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("Room states, last 2 minutes", 12, top + 12);
        double left = 150;
        double width = w - left - 12;
        int row = 0;
        for (String key : viewModel.roomKeys()) {
            RoomNode room = viewModel.rooms().get(key);
            double y = top + 24 + row * rowH;
            g.setFill(Color.web("#334155"));
            g.setFont(DiagramStyle.SMALL);
            if (row % labelEvery == 0) {
                g.fillText(key, 12, y + rowH / 2);
            }
            List<RoomNode.StateSpan> spans = room.spans();
            for (int i = 0; i < spans.size(); i++) {
                long from = Math.max(spans.get(i).since(), now - TIMELINE_MILLIS);
                long to = i + 1 < spans.size() ? spans.get(i + 1).since() : now;
                if (to <= now - TIMELINE_MILLIS) {
                    continue;
                }
                double x0 = left + width * (from - (now - TIMELINE_MILLIS)) / TIMELINE_MILLIS;
                double x1 = left + width * (to - (now - TIMELINE_MILLIS)) / TIMELINE_MILLIS;
                g.setFill(DiagramStyle.stateColor(spans.get(i).state()));
                g.fillRect(x0, y, Math.max(1, x1 - x0), Math.max(2, rowH - 4));
            }
            row++;
        }
    }
}
