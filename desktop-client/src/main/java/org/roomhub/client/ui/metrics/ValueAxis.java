package org.roomhub.client.ui.metrics;

/**
 * A value axis with round ticks: the step is 1, 2 or 5 × 10ⁿ of the unit people read (KiB, MiB,
 * GiB for bytes), and the top is the first step multiple above the data.
 *
 * @param max top of the axis
 * @param step distance between ticks
 */
record ValueAxis(double max, double step) {

    private static final int MAX_TICKS = 5;

    /** The axis for data reaching {@code value}, or fixed at {@code fixedMax} when that is a number. */
    static ValueAxis fit(MetricUnit unit, double value, double fixedMax) {
        if (!Double.isNaN(fixedMax)) {
            return new ValueAxis(fixedMax, fixedMax / 4);
        }
        boolean bytes = unit == MetricUnit.BYTES || unit == MetricUnit.BYTES_PER_SECOND;
        double scale = 1;
        if (bytes) {
            while (value / scale >= 1024) {
                scale *= 1024;
            }
        }
        double scaled = Math.max(value / scale, 0) * 1.05;
        double minStep = bytes && scale == 1 ? 1 : 0; // no fractions of a byte
        double step = Math.max(niceStep(scaled / MAX_TICKS), minStep);
        double top = Math.max(step, Math.ceil(scaled / step) * step);
        return new ValueAxis(top * scale, step * scale);
    }

    private static double niceStep(double rough) {
        if (rough <= 0) {
            return 0.25;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * magnitude >= rough) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** How many steps the axis has. */
    int ticks() {
        return (int) Math.round(max / step);
    }
}
