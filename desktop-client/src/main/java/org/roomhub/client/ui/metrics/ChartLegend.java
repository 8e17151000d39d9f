package org.roomhub.client.ui.metrics;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.roomhub.client.ui.common.Palette;

/**
 * A chart's title and legend, drawn on its canvas: the title left, one entry per series right to left with its latest
 * value, never over the title (entries that do not fit become "+N more"). Each label is measured once per repaint and
 * the title once per chart: a measure is a text layout, and charts repaint every second at rest (issue 12). FX thread.
 */
final class ChartLegend {

    private static final Font TITLE = Font.font("System", FontWeight.BOLD, 13);
    private static final Color TITLE_TEXT = Color.web("#1f2633");

    private final Text measure = new Text();
    /** The title's width, measured once: the title never changes. */
    private double titleWidth = Double.NaN;

    /** Draws the title of {@code spec} and the legend of {@code lines} (values at or before {@code until}) up to x = {@code right}. */
    void draw(GraphicsContext g, ChartSpec spec, List<SeriesModel> lines, double right, long until, boolean showHost) {
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(TITLE);
        g.setFill(TITLE_TEXT);
        g.fillText(spec.title(), 10, 14);
        if (Double.isNaN(titleWidth)) {
            titleWidth = textWidth(spec.title(), TITLE);
        }
        double titleEnd = 10 + titleWidth + 16;
        g.setFont(TimeSeriesChart.SMALL);
        g.setTextAlign(TextAlignment.RIGHT);
        // Labels only for the entries that can be shown (20 series: 4 and "+16 more"): formatting is per repaint.
        int shown = Math.min(lines.size(), lines.size() > 6 ? 4 : 6);
        String[] labels = new String[shown];
        double[] widths = new double[shown];
        for (int s = 0; s < shown; s++) {
            SeriesModel line = lines.get(s);
            labels[s] = (showHost ? line.host() + " " : "") + line.label() + " " + spec.unit().format(line.buffer().latestAtOrBefore(until));
            widths[s] = textWidth(labels[s], TimeSeriesChart.SMALL);
        }
        while (shown > 0 && width(widths, shown, lines.size()) > right - titleEnd) {
            shown--;
        }
        double x = right;
        if (lines.size() > shown) {
            g.setFill(TimeSeriesChart.TEXT);
            String more = more(shown, lines.size());
            g.fillText(more, x, 14);
            x -= textWidth(more, TimeSeriesChart.SMALL) + 12;
        }
        for (int s = shown - 1; s >= 0; s--) {
            g.setFill(TimeSeriesChart.TEXT);
            g.fillText(labels[s], x, 14);
            g.setFill(Palette.series(s));
            g.fillRect(x - widths[s] - 12, 10, 9, 9);
            x -= widths[s] + 24;
        }
    }

    private double width(double[] widths, int shown, int total) {
        double width = 0;
        for (int s = 0; s < shown; s++) {
            width += widths[s] + 24;
        }
        if (total > shown) {
            width += textWidth(more(shown, total), TimeSeriesChart.SMALL) + 12;
        }
        return width;
    }

    private static String more(int shown, int total) {
        return "+" + (total - shown) + (shown == 0 ? " series" : " more");
    }

    private double textWidth(String text, Font font) {
        measure.setFont(font);
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }
}
