package org.roomhub.client.ui.fleet;

/**
 * The last {@value #CAPACITY} readings of one card line in time order, one per timestamp (a reading
 * sent again replaces the first). An older reading (history asked for after the first live one, an
 * agent re-sending after a reconnect) goes in its place.
 */
public final class Spark {

    /** Readings kept: two minutes at one a second. */
    public static final int CAPACITY = 120;

    private final long[] times = new long[CAPACITY];
    private final double[] values = new double[CAPACITY];
    private int start;
    private int size;

    /** Adds {@code value} at {@code time}. */
    public void add(long time, double value) {
        int i = size - 1;
        while (i >= 0 && times[(start + i) % CAPACITY] > time) {
            i--;
        }
        if (i >= 0 && times[(start + i) % CAPACITY] == time) {
            int at = (start + i) % CAPACITY;
            values[at] = value;
            return;
        }
        if (i < size - 1) {
            insertAfter(i, time, value);
            return;
        }
        int at = (start + size) % CAPACITY;
        if (size == CAPACITY) {
            start = (start + 1) % CAPACITY;
        } else {
            size++;
        }
        times[at] = time;
        values[at] = value;
    }

    /** Puts a reading after position {@code i} (-1: first), dropping the oldest when full. */
    private void insertAfter(int i, long time, double value) {
        if (size == CAPACITY && i < 0) {
            return; // older than all we keep
        }
        long[] t = new long[size + 1];
        double[] v = new double[size + 1];
        for (int k = 0, out = 0; k < size; k++) {
            t[out] = times[(start + k) % CAPACITY];
            v[out++] = values[(start + k) % CAPACITY];
            if (k == i) {
                t[out] = time;
                v[out++] = value;
            }
        }
        if (i < 0) {
            System.arraycopy(t, 0, t, 1, size);
            System.arraycopy(v, 0, v, 1, size);
            t[0] = time;
            v[0] = value;
        }
        int from = Math.max(0, t.length - CAPACITY);
        size = t.length - from;
        start = 0;
        System.arraycopy(t, from, times, 0, size);
        System.arraycopy(v, from, values, 0, size);
    }

    /** How many readings are held. */
    public int size() {
        return size;
    }

    /** The {@code i}-th oldest value. */
    public double value(int i) {
        return values[(start + i) % CAPACITY];
    }

    /** The newest value, or NaN when empty. */
    public double last() {
        return size == 0 ? Double.NaN : value(size - 1);
    }

    /** The largest value held, or 0 when empty. */
    public double max() {
        double max = 0;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, value(i));
        }
        return max;
    }
}
