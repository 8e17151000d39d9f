package org.roomhub.client.ui.metrics;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.roomhub.client.ui.common.Palette;

/**
 * A line chart drawn on a canvas: real time on x, the metric's unit on y, one line per series.
 * Each series is reduced to at most one min/max pair per pixel column ({@link PixelColumns}), so an
 * hour of sub-second points costs no more to draw than a minute, and {@link #paintIfStale} repaints
 * only when the picture would change ({@link ChartFrame}): new points, a one-pixel scroll, a resize.
 */
public final class TimeSeriesChart extends Region {

    private static final double LEFT = 74;
    private static final double RIGHT = 12;
    private static final double TOP = 30;
    private static final double BOTTOM = 24;
    private static final Font TITLE = Font.font("System", FontWeight.BOLD, 13);
    private static final Font SMALL = Font.font("System", 10.5);
    private static final Color GRID = Color.web("#e3e7ee");
    /** Points further apart than this are not joined: metrics arrive every second. */
    static final long GAP_MILLIS = 5_000;
    /** A chart at rest scrolls at most four times a second: smooth enough, and the renderer rests in between. */
    static final double SCROLL_STEP_MILLIS = 250;
    private static final Color TEXT = Color.web("#4a5466");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final Canvas canvas = new Canvas();
    private final ChartModel model;

    /** A chart of {@code model}; call {@link #draw} to paint it. */
    public TimeSeriesChart(ChartModel model) {
        this.model = model;
        getChildren().add(canvas);
        getStyleClass().add("time-series-chart");
        setMinSize(200, 150);
        setPrefSize(520, 210);
    }

    /** The chart's data. */
    public ChartModel model() {
        return model;
    }

    /** What the canvas shows now; null until the first paint. */
    private ChartFrame painted;
    private long paints;
    private final Text measure = new Text();
    private final PixelColumns columns = new PixelColumns();

    @Override
    protected void layoutChildren() {
        // A resized canvas is blank: its frame no longer matches, so the next pulse repaints it if it is in sight.
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
    }

    /**
     * Paints like {@link #draw} unless the canvas already shows exactly that picture.
     *
     * @return whether it painted
     */
    public boolean paintIfStale(long start, long end, long until, boolean showHost) {
        if (frameFor(start, end, until, showHost).equals(painted)) {
            return false;
        }
        draw(start, end, until, showHost);
        return true;
    }

    /** How many times the canvas was painted; for tests and benchmarks. */
    public long paints() {
        return paints;
    }

    private ChartFrame frameFor(long start, long end, long until, boolean showHost) {
        double plotW = Math.max(1, canvas.getWidth() - LEFT - RIGHT);
        long span = Math.max(1, end - start);
        long data = model.series().size();
        for (SeriesModel line : model.series()) {
            data = data * 31 + System.identityHashCode(line.buffer());
            data = data * 31 + line.buffer().revision();
        }
        // The axis moves a pixel at a time, but no more often than every SCROLL_STEP_MILLIS (1-minute window: 1.7 px).
        double millisPerStep = Math.max(span / plotW, SCROLL_STEP_MILLIS);
        return new ChartFrame(canvas.getWidth(), canvas.getHeight(), (long) Math.floor(start / millisPerStep), span, until,
                showHost, data);
    }

    /**
     * Paints the range {@code [start, end]} (epoch ms) with the points at or before {@code until}
     * (a paused chart passes the pause instant, so nothing it shows moves); {@code showHost}
     * prefixes legends with host names.
     */
    public void draw(long start, long end, long until, boolean showHost) {
        painted = frameFor(start, end, until, showHost);
        paints++;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (w < LEFT + RIGHT + 10 || h < TOP + BOTTOM + 10) {
            return;
        }
        double plotW = w - LEFT - RIGHT;
        double plotH = h - TOP - BOTTOM;
        ChartSpec spec = model.spec();
        List<SeriesModel> lines = model.series();

        ValueAxis axis = ValueAxis.fit(spec.unit(), visibleMax(lines, start, until), spec.fixedMax());
        double max = axis.max();
        drawTitleAndLegend(g, spec, lines, w, until, showHost);
        drawGrid(g, spec, axis, start, end, plotW, plotH, h);

        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, plotW, plotH);
        g.clip();
        g.setLineWidth(1.4);
        for (int s = 0; s < lines.size(); s++) {
            g.setStroke(Palette.series(s));
            drawLine(g, lines.get(s).buffer(), start, end, until, max, plotW, plotH);
        }
        g.restore();
    }

    private void drawTitleAndLegend(GraphicsContext g, ChartSpec spec, List<SeriesModel> lines, double w, long until, boolean showHost) {
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(TITLE);
        g.setFill(Color.web("#1f2633"));
        g.fillText(spec.title(), 10, 14);
        double titleEnd = 10 + textWidth(spec.title(), TITLE) + 16;
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.RIGHT);
        // Legend right to left, never over the title: entries that do not fit become "+N more".
        List<String> labels = new java.util.ArrayList<>();
        for (SeriesModel line : lines) {
            labels.add((showHost ? line.host() + " " : "") + line.label() + " " + spec.unit().format(line.buffer().latestAtOrBefore(until)));
        }
        int shown = Math.min(lines.size(), lines.size() > 6 ? 4 : 6);
        while (shown > 0 && legendWidth(labels, shown, lines.size()) > w - RIGHT - titleEnd) {
            shown--;
        }
        double x = w - RIGHT;
        if (lines.size() > shown) {
            g.setFill(TEXT);
            String more = "+" + (lines.size() - shown) + (shown == 0 ? " series" : " more");
            g.fillText(more, x, 14);
            x -= textWidth(more, SMALL) + 12;
        }
        for (int s = shown - 1; s >= 0; s--) {
            String label = labels.get(s);
            g.setFill(TEXT);
            g.fillText(label, x, 14);
            double labelW = textWidth(label, SMALL);
            g.setFill(Palette.series(s));
            g.fillRect(x - labelW - 12, 10, 9, 9);
            x -= labelW + 24;
        }
    }

    private double legendWidth(List<String> labels, int shown, int total) {
        double width = 0;
        for (int s = 0; s < shown; s++) {
            width += textWidth(labels.get(s), SMALL) + 24;
        }
        if (total > shown) {
            width += textWidth("+" + (total - shown) + " more", SMALL) + 12;
        }
        return width;
    }

    private double textWidth(String text, Font font) {
        measure.setFont(font);
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }

    private void drawGrid(GraphicsContext g, ChartSpec spec, ValueAxis axis, long start, long end, double plotW, double plotH, double h) {
        g.setStroke(GRID);
        g.setLineWidth(1);
        g.setFont(SMALL);
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.RIGHT);
        int ticks = axis.ticks();
        for (int i = 0; i <= ticks; i++) {
            double value = axis.step() * i;
            double y = TOP + plotH - plotH * i / ticks;
            g.strokeLine(LEFT, Math.round(y) + 0.5, LEFT + plotW, Math.round(y) + 0.5);
            g.fillText(spec.unit().format(value), LEFT - 6, y);
        }
        long span = end - start;
        // As many time labels as fit: one per ~70 px, so narrow charts never overlap them.
        long step = tickStep(span, Math.max(2, (int) (plotW / 70)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        DateTimeFormatter format = step >= 60_000 ? MINUTES : SECONDS;
        for (long t = (start / step + 1) * step; t <= end; t += step) {
            double x = LEFT + plotW * (t - start) / span;
            g.strokeLine(Math.round(x) + 0.5, TOP, Math.round(x) + 0.5, TOP + plotH);
            g.fillText(format.format(Instant.ofEpochMilli(t)), x, h - BOTTOM + 5);
        }
        g.setTextBaseline(VPos.CENTER);
        g.setStroke(Color.web("#b8c0cc"));
        g.strokeRect(LEFT + 0.5, TOP + 0.5, plotW - 1, plotH - 1);
    }

    private void drawLine(GraphicsContext g, SeriesBuffer buffer, long start, long end, long until, double max, double plotW, double plotH) {
        int from = Math.max(0, buffer.firstAtOrAfter(start) - 1);
        int n = until == Long.MAX_VALUE ? buffer.size() : buffer.firstAtOrAfter(until + 1);
        if (n - from < 1) {
            return;
        }
        // No data for a while (the app or the host was down) leaves a gap instead of a bridge.
        columns.reduce(buffer, from, n, start, end - start, plotW, GAP_MILLIS);
        g.beginPath();
        for (int c = 0; c < columns.size(); c++) {
            double x = LEFT + columns.column(c);
            double yMin = TOP + plotH - plotH * columns.min(c) / max;
            if (columns.startsLine(c)) {
                g.moveTo(x, yMin);
            } else {
                g.lineTo(x, yMin);
            }
            if (columns.max(c) != columns.min(c)) {
                g.lineTo(x, TOP + plotH - plotH * columns.max(c) / max);
            }
            g.lineTo(x, TOP + plotH - plotH * columns.last(c) / max);
        }
        g.stroke();
    }

    private static double visibleMax(List<SeriesModel> lines, long start, long until) {
        double max = 0;
        for (SeriesModel line : lines) {
            SeriesBuffer b = line.buffer();
            int n = until == Long.MAX_VALUE ? b.size() : b.firstAtOrAfter(until + 1);
            for (int i = Math.max(0, b.firstAtOrAfter(start) - 1); i < n; i++) {
                max = Math.max(max, b.value(i));
            }
        }
        return max;
    }

    static long tickStep(long span, int maxTicks) {
        long[] steps = {5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000};
        for (long step : steps) {
            if (span / step <= Math.min(7, maxTicks)) {
                return step;
            }
        }
        return 3_600_000;
    }
}
