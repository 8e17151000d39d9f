package org.roomhub.client.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomhub.client.ui.common.Palette;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12: the chart draws its lines into its own raster, one min/max/last per pixel column. What
 * it shows must still be the data: in every pixel column, the column's highest and lowest point
 * (spikes included) and, at the right end, the newest value, also after a repaint for new points.
 */
@ExtendWith(ApplicationExtension.class)
class ChartPixelsTest {

    private static final long START = 1_790_000_000_000L;
    private static final long SPAN = 60_000;
    private SeriesBuffer buffer;
    private TimeSeriesChart chart;

    @Start
    void start(Stage stage) {
        ChartModel model = new ChartModel(new ChartSpec("test", "Test", MetricUnit.PERCENT, 0, 100));
        buffer = new SeriesBuffer(MetricsViewModel.RETENTION_MILLIS);
        model.add(new SeriesModel("host", "cpu", "cpu", buffer));
        chart = new TimeSeriesChart(model);
        stage.setScene(new Scene(new StackPane(chart), 600, 300));
        stage.show();
    }

    @Test
    void every_pixel_column_shows_its_highest_and_lowest_point_and_the_chart_ends_on_the_newest_value() throws Exception {
        // 20 points a second for a minute on ~500 px: two or three points per column, with spikes up and down.
        for (int i = 0; i < 1_200; i++) {
            double value = i % 37 == 0 ? 97 : i % 53 == 0 ? 3 : 50 + 20 * Math.sin(i / 9.0);
            buffer.add(START + 25 + i * 50L, value);
        }
        paint(START + SPAN);
        assertEveryColumnShowsItsExtremes();
        assertShows(columnOf(buffer.time(buffer.size() - 1)), buffer.latest());

        // New points make the chart stale; the repaint shows the newest value and keeps every older column right.
        buffer.add(START + SPAN - 10, 88);
        assertThat(WaitForAsyncUtils.asyncFx(() -> chart.paintIfStale(START, START + SPAN, Long.MAX_VALUE, false)).get())
                .as("new points repaint the chart").isTrue();
        assertEveryColumnShowsItsExtremes();
        assertShows(columnOf(START + SPAN - 10), 88);
        assertThat(WaitForAsyncUtils.asyncFx(() -> chart.paintIfStale(START, START + SPAN, Long.MAX_VALUE, false)).get())
                .as("nothing changed: no repaint").isFalse();
    }

    private void paint(long end) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> chart.draw(end - SPAN, end, Long.MAX_VALUE, false)).get();
    }

    private void assertEveryColumnShowsItsExtremes() {
        PlotRaster raster = chart.raster();
        int checked = 0;
        int i = 0;
        while (i < buffer.size()) {
            int column = columnOf(buffer.time(i));
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (; i < buffer.size() && columnOf(buffer.time(i)) == column; i++) {
                min = Math.min(min, buffer.value(i));
                max = Math.max(max, buffer.value(i));
            }
            if (column >= 0 && column < raster.width()) {
                // The whole span between the column's extremes is inked, ends included.
                for (int y = row(max); y <= row(min); y++) {
                    assertThat(inked(raster, column, y)).as("column %d, row %d (min %.1f, max %.1f)", column, y, min, max).isTrue();
                }
                checked++;
            }
        }
        assertThat(checked).as("columns holding points").isGreaterThan(400);
    }

    private void assertShows(int column, double value) {
        assertThat(inked(chart.raster(), column, row(value))).as("value %.1f in column %d", value, column).isTrue();
    }

    private int columnOf(long time) {
        return (int) Math.floor((double) chart.raster().width() * (time - START) / SPAN);
    }

    /** The raster row a value's line passes through (axis 0–100 %). */
    private int row(double value) {
        int h = chart.raster().height();
        return Math.min(h - 1, (int) Math.floor(h - h * value / 100));
    }

    /** Whether a pixel is nearer the series colour than the white background: the line covers most of it. */
    private static boolean inked(PlotRaster raster, int x, int y) {
        int argb = raster.pixel(x, y);
        Color line = Palette.series(0);
        double r = ((argb >> 16) & 0xff) / 255.0;
        double g = ((argb >> 8) & 0xff) / 255.0;
        double b = (argb & 0xff) / 255.0;
        double toLine = Math.abs(r - line.getRed()) + Math.abs(g - line.getGreen()) + Math.abs(b - line.getBlue());
        double toWhite = (1 - r) + (1 - g) + (1 - b);
        return toLine < toWhite;
    }
}
