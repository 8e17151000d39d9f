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
import javafx.scene.text.TextAlignment;
import org.roomhub.client.ui.common.Palette;

/**
 * A line chart drawn on a canvas: real time on x, the metric's unit on y, one line per series.
 * Each series is reduced to at most one min/max pair per pixel column ({@link PixelColumns}), so an
 * hour of sub-second points costs no more to draw than a minute, and {@link #paintIfStale} repaints
 * only when the picture would change ({@link ChartFrame}): new points, a scroll step, a resize. Lines
 * and grid are rasterised by {@link PlotRaster}, text is drawn on the canvas (issue 12).
 */
public final class TimeSeriesChart extends Region {

    private static final double LEFT = 74;
    private static final double RIGHT = 12;
    private static final double TOP = 30;
    private static final double BOTTOM = 24;
    static final Font SMALL = Font.font("System", 10.5);
    private static final int GRID = PlotRaster.argb(Color.web("#e3e7ee"));
    private static final int BORDER = PlotRaster.argb(Color.web("#b8c0cc"));
    private static final int BACKGROUND = PlotRaster.argb(Color.WHITE);
    private static final double LINE_WIDTH = 1.4;
    /** Points further apart than this are not joined: metrics arrive every second. */
    static final long GAP_MILLIS = 5_000;
    /**
     * With no new points, the time axis moves at most every 1.25 s (and at least a pixel). Points come once a
     * second and each repaint scrolls too, so at rest a chart is painted once a second, not once per pixel.
     */
    static final double SCROLL_STEP_MILLIS = 1_250;
    static final Color TEXT = Color.web("#4a5466");
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
    private final ChartLegend legend = new ChartLegend();
    private final PixelColumns columns = new PixelColumns();
    private final PlotRaster raster = new PlotRaster();
    /** Where the series being drawn has got to, in raster pixels. */
    private double penX;
    private double penY;

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
        if (painted != null && painted.covers(frameFor(start, end, until, showHost), millisPerStep(end - start))) {
            return false;
        }
        draw(start, end, until, showHost);
        return true;
    }

    /** Milliseconds until the time axis of the range {@code [start, end]} has moved a scroll step since the last paint. */
    public long millisToNextStep(long start, long end) {
        if (painted == null) {
            return 1;
        }
        return Math.max(1, (long) Math.ceil(painted.start() + millisPerStep(end - start) - start));
    }

    private double millisPerStep(long span) {
        double plotW = Math.max(1, canvas.getWidth() - LEFT - RIGHT);
        // The axis moves a pixel at a time, but no more often than every SCROLL_STEP_MILLIS (1-minute window: 8 px).
        return Math.max(Math.max(1, span) / plotW, SCROLL_STEP_MILLIS);
    }

    /** How many times the canvas was painted; for tests and benchmarks. */
    public long paints() {
        return paints;
    }

    private ChartFrame frameFor(long start, long end, long until, boolean showHost) {
        long span = Math.max(1, end - start);
        long data = model.series().size();
        for (SeriesModel line : model.series()) {
            data = data * 31 + System.identityHashCode(line.buffer());
            data = data * 31 + line.buffer().revision();
        }
        return new ChartFrame(canvas.getWidth(), canvas.getHeight(), outputScale(), start, span, until,
                showHost, data);
    }

    /**
     * Paints the range {@code [start, end]} (epoch ms) with the points at or before {@code until}
     * (a paused chart passes the pause instant, so nothing it shows moves); {@code showHost}
     * prefixes legends with host names. Text goes on the canvas; grid and lines into {@link PlotRaster},
     * which the canvas then draws as one image.
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
        // Whole pixels, so the raster maps 1:1 (× output scale) onto the screen.
        double plotW = Math.floor(w - LEFT - RIGHT);
        double plotH = Math.floor(h - TOP - BOTTOM);
        double scale = outputScale();
        ChartSpec spec = model.spec();
        List<SeriesModel> lines = model.series();

        ValueAxis axis = ValueAxis.fit(spec.unit(), visibleMax(lines, start, until), spec.fixedMax());
        legend.draw(g, spec, lines, w - RIGHT, until, showHost);
        raster.reset((int) Math.round(plotW * scale), (int) Math.round(plotH * scale), BACKGROUND);
        drawGrid(g, spec, axis, start, end, plotW, plotH, h);
        for (int s = 0; s < lines.size(); s++) {
            drawLine(lines.get(s).buffer(), Palette.series(s), start, end, until, axis.max(), scale);
        }
        g.drawImage(raster.publish(), LEFT, TOP, plotW, plotH);
    }

    /** The plot's pixels as last painted; for tests. */
    PlotRaster raster() {
        return raster;
    }

    private double outputScale() {
        return getScene() == null || getScene().getWindow() == null ? 1 : Math.max(1, getScene().getWindow().getOutputScaleX());
    }

    private void drawGrid(GraphicsContext g, ChartSpec spec, ValueAxis axis, long start, long end, double plotW, double plotH, double h) {
        int rw = raster.width();
        int rh = raster.height();
        g.setFont(SMALL);
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.RIGHT);
        int ticks = axis.ticks();
        for (int i = 0; i <= ticks; i++) {
            double value = axis.step() * i;
            double y = TOP + plotH - plotH * i / ticks;
            raster.hline(Math.min(rh - 1, (int) Math.round(rh - (double) rh * i / ticks)), GRID);
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
            raster.vline(Math.min(rw - 1, (int) Math.round((double) rw * (t - start) / span)), GRID);
            g.fillText(format.format(Instant.ofEpochMilli(t)), x, h - BOTTOM + 5);
        }
        g.setTextBaseline(VPos.CENTER);
        raster.hline(0, BORDER);
        raster.hline(rh - 1, BORDER);
        raster.vline(0, BORDER);
        raster.vline(rw - 1, BORDER);
    }

    /**
     * One series as a polyline through, per pixel column, its minimum, maximum and last value
     * ({@link PixelColumns}), so no spike inside a column is lost and the column ends on the newest point.
     */
    private void drawLine(SeriesBuffer buffer, Color color, long start, long end, long until, double max, double scale) {
        int from = Math.max(0, buffer.firstAtOrAfter(start) - 1);
        int n = until == Long.MAX_VALUE ? buffer.size() : buffer.firstAtOrAfter(until + 1);
        if (n - from < 1) {
            return;
        }
        int rh = raster.height();
        double thickness = LINE_WIDTH * scale;
        // No data for a while (the app or the host was down) leaves a gap instead of a bridge.
        columns.reduce(buffer, from, n, start, end - start, raster.width(), GAP_MILLIS);
        for (int c = 0; c < columns.size(); c++) {
            double x = columns.column(c) + 0.5;
            if (columns.startsLine(c)) {
                penX = x;
                penY = rh - rh * columns.min(c) / max;
                raster.line(penX, penY, penX, penY, thickness, color, true); // a lone point still shows
            } else {
                lineTo(x, rh - rh * columns.min(c) / max, thickness, color);
            }
            lineTo(x, rh - rh * columns.max(c) / max, thickness, color);
            lineTo(x, rh - rh * columns.last(c) / max, thickness, color);
        }
    }

    private void lineTo(double x, double y, double thickness, Color color) {
        if (x != penX || y != penY) {
            raster.line(penX, penY, x, y, thickness, color, false);
            penX = x;
            penY = y;
        }
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
