package org.roomhub.client.ui.architecture;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.roomhub.protocol.value.RoomState;

/** The legend at the top of the diagram: state colours and dot directions, wrapping on a narrow canvas. FX thread. */
final class DiagramLegend {

    private DiagramLegend() {}

    static void draw(GraphicsContext g, double w) {
        g.setFont(DiagramStyle.SMALL);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double[] at = {12, 16};
        for (RoomState s : RoomState.values()) {
            item(g, w, at, DiagramStyle.stateColor(s), false, s.wireName());
        }
        item(g, w, at, Color.web("#2563eb"), true, "client → room");
        item(g, w, at, Color.web("#e11d48"), true, "room → client (dots: a sample)");
    }

    /** One legend item at {@code at} (x, y), wrapping to a new row when the canvas is too narrow. */
    private static void item(GraphicsContext g, double w, double[] at, Color color, boolean dot, String text) {
        double width = 16 + CanvasText.width(text, DiagramStyle.SMALL) + 18;
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
}
