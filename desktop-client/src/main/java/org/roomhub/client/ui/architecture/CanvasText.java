package org.roomhub.client.ui.architecture;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** Measures and shortens text drawn on a canvas, so labels end with "…" instead of running off it. FX thread. */
final class CanvasText {

    private static final Text MEASURE = new Text();

    private CanvasText() {}

    static double width(String text, Font font) {
        MEASURE.setFont(font);
        MEASURE.setText(text);
        return MEASURE.getLayoutBounds().getWidth();
    }

    /** {@code text}, cut with an ellipsis to {@code width} pixels. */
    static String fit(String text, Font font, double width) {
        if (width(text, font) <= width) {
            return text;
        }
        String cut = text;
        while (cut.length() > 1 && width(cut + "…", font) > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
