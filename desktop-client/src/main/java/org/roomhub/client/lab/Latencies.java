package org.roomhub.client.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Latency samples in milliseconds, with percentiles and the most recent values for a chart. Thread-safe. */
final class Latencies {

    private static final int RECENT = 60;

    private final List<Double> all = new ArrayList<>();

    synchronized void add(double millis) {
        all.add(millis);
    }

    synchronized int count() {
        return all.size();
    }

    /** The {@code p}-th percentile (0–100, nearest rank), or NaN without samples. */
    synchronized double percentile(double p) {
        if (all.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The last samples in arrival order. */
    synchronized List<Double> recent() {
        return List.copyOf(all.subList(Math.max(0, all.size() - RECENT), all.size()));
    }

    static String millis(double value) {
        return Double.isNaN(value) ? "–" : value < 10 ? String.format("%.1f ms", value) : String.format("%.0f ms", value);
    }
}
