package org.roomhub.client.ui.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
            case PERCENT -> fixed(value, 0) + " %";
            case BYTES -> bytes(value);
            case BYTES_PER_SECOND -> bytes(value) + "/s";
            case NONE -> Math.abs(value) >= 100 || Math.abs(value - Math.rint(value)) < 1e-9
                    ? fixed(value, 0) : fixed(value, 2);
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
        return fixed(v, v >= 100 || unit == 0 || whole ? 0 : 1) + " " + SIZES[unit];
    }

    /**
     * What {@code String.format(Locale.ROOT, "%.<places>f", value)} gives, without {@code java.util.Formatter}: each
     * such call also builds a {@code DecimalFormatSymbols}, and the charts format a few dozen labels a second at rest,
     * which kept that code warming up for the JIT (issue 12). Same digits: both round the shortest decimal form of the
     * double half up, and a negative value that rounds to zero keeps its minus sign.
     */
    static String fixed(double value, int places) {
        if (!Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%." + places + "f", value);
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
        String text = rounded.toPlainString();
        boolean negative = value < 0 || Double.doubleToRawLongBits(value) == Long.MIN_VALUE;
        return negative && rounded.signum() == 0 ? "-" + text : text;
    }
}
