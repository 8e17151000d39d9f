package org.roomhub.client.ui.metrics;

import java.util.Locale;

/** How a metric's values read: the unit on a chart's axis and in its legend. */
public enum MetricUnit {
    /** 0–100 %. */
    PERCENT,
    /** A size in bytes, shown as KiB/MiB/GiB. */
    BYTES,
    /** A rate in bytes per second. */
    BYTES_PER_SECOND,
    /** A plain number. */
    NONE;

    private static final String[] SIZES = {"B", "KiB", "MiB", "GiB", "TiB"};

    /** The value with its unit, short enough for an axis label. */
    public String format(double value) {
        return switch (this) {
            case PERCENT -> String.format(Locale.ROOT, "%.0f %%", value);
            case BYTES -> bytes(value);
            case BYTES_PER_SECOND -> bytes(value) + "/s";
            case NONE -> Math.abs(value) >= 100 || Math.abs(value - Math.rint(value)) < 1e-9
                    ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
        };
    }

    private static String bytes(double value) {
        int unit = 0;
        double v = value;
        while (Math.abs(v) >= 1024 && unit < SIZES.length - 1) {
            v /= 1024;
            unit++;
        }
        // Whole numbers print without a decimal, so round axis ticks read "2 GiB", not "2.0 GiB".
        boolean whole = Math.abs(v - Math.rint(v)) < 1e-9;
        return String.format(Locale.ROOT, v >= 100 || unit == 0 || whole ? "%.0f %s" : "%.1f %s", v, SIZES[unit]);
    }
}
