package org.roomhub.client.ui.metrics;

/**
 * One series reduced to the chart's pixel width: for every pixel column that holds points, their
 * minimum, maximum and last value, so drawing costs O(width) whatever the number of points, and no
 * peak or dip inside a column is lost. A column that follows a gap in the data starts a new line.
 */
final class PixelColumns {

    private int[] column = new int[64];
    private double[] min = new double[64];
    private double[] max = new double[64];
    private double[] last = new double[64];
    private boolean[] gapBefore = new boolean[64];
    private int size;

    /**
     * Reduces the points {@code [from, to)} of {@code buffer} to columns of a plot {@code plotW} pixels
     * wide showing {@code [start, start + span)}; points further apart than {@code gapMillis} are not joined.
     */
    PixelColumns reduce(SeriesBuffer buffer, int from, int to, long start, double span, double plotW, long gapMillis) {
        size = 0;
        boolean gap = true;
        for (int i = from; i < to; i++) {
            long t = buffer.time(i);
            if (i > from && t - buffer.time(i - 1) > gapMillis) {
                gap = true;
            }
            int c = (int) Math.floor(plotW * (t - start) / span);
            double v = buffer.value(i);
            if (size > 0 && !gap && column[size - 1] == c) {
                min[size - 1] = Math.min(min[size - 1], v);
                max[size - 1] = Math.max(max[size - 1], v);
                last[size - 1] = v;
            } else {
                append(c, v, gap);
                gap = false;
            }
        }
        return this;
    }

    private void append(int c, double v, boolean gap) {
        if (size == column.length) {
            int n = size * 2;
            column = java.util.Arrays.copyOf(column, n);
            min = java.util.Arrays.copyOf(min, n);
            max = java.util.Arrays.copyOf(max, n);
            last = java.util.Arrays.copyOf(last, n);
            gapBefore = java.util.Arrays.copyOf(gapBefore, n);
        }
        column[size] = c;
        min[size] = v;
        max[size] = v;
        last[size] = v;
        gapBefore[size] = gap;
        size++;
    }

    int size() {
        return size;
    }

    int column(int i) {
        return column[i];
    }

    double min(int i) {
        return min[i];
    }

    double max(int i) {
        return max[i];
    }

    double last(int i) {
        return last[i];
    }

    /** Whether column {@code i} starts a new line (first column, or after a gap in the data). */
    boolean startsLine(int i) {
        return gapBefore[i];
    }
}
