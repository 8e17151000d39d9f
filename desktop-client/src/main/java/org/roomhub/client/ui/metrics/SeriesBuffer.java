package org.roomhub.client.ui.metrics;

import java.util.Arrays;

/**
 * Time-ordered points of one series in two primitive arrays, trimmed to a retention span. Live
 * points append; backfilled history that lands in the middle is inserted in order. Touched only
 * by the FX thread.
 */
public final class SeriesBuffer {

    private final long retentionMillis;
    private long[] times = new long[256];
    private double[] values = new double[256];
    private int size;
    private long revision;

    /** A buffer keeping points for {@code retentionMillis} behind the newest. */
    public SeriesBuffer(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    /** Adds a point; a point with a time already held replaces its value. */
    public void add(long time, double value) {
        revision++;
        if (size == 0 || time > times[size - 1]) {
            ensureRoom();
            times[size] = time;
            values[size] = value;
            size++;
        } else {
            int at = Arrays.binarySearch(times, 0, size, time);
            if (at >= 0) {
                values[at] = value;
                return;
            }
            int insert = -at - 1;
            ensureRoom();
            System.arraycopy(times, insert, times, insert + 1, size - insert);
            System.arraycopy(values, insert, values, insert + 1, size - insert);
            times[insert] = time;
            values[insert] = value;
            size++;
        }
        trim();
    }

    /** Grows with every {@link #add}: a chart whose series kept their revisions has nothing new to draw. */
    public long revision() {
        return revision;
    }

    /** Number of points held. */
    public int size() {
        return size;
    }

    /** Time of point {@code i}. */
    public long time(int i) {
        return times[i];
    }

    /** Value of point {@code i}. */
    public double value(int i) {
        return values[i];
    }

    /** Index of the first point at or after {@code time}. */
    public int firstAtOrAfter(long time) {
        int at = Arrays.binarySearch(times, 0, size, time);
        return at >= 0 ? at : -at - 1;
    }

    /** Value of the newest point at or before {@code time}, or NaN when there is none. */
    public double latestAtOrBefore(long time) {
        int after = firstAtOrAfter(time == Long.MAX_VALUE ? time : time + 1);
        return after == 0 ? Double.NaN : values[after - 1];
    }

    /** Newest value, or NaN when empty. */
    public double latest() {
        return size == 0 ? Double.NaN : values[size - 1];
    }

    private void ensureRoom() {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
    }

    private void trim() {
        long oldest = times[size - 1] - retentionMillis;
        if (times[0] >= oldest) {
            return;
        }
        int drop = firstAtOrAfter(oldest);
        // Shift in bulk only when a good chunk is stale, so trimming stays amortised O(1).
        if (drop > 64 || drop > size / 4) {
            System.arraycopy(times, drop, times, 0, size - drop);
            System.arraycopy(values, drop, values, 0, size - drop);
            size -= drop;
        }
    }
}
