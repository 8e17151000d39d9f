package org.roomhub.protocol.value;

/**
 * One metric reading: a name of 1–128 characters, a finite value, and an optional time in epoch
 * milliseconds (the hub stamps its own time when absent).
 */
public record MetricSample(String name, Double value, Long ts) {

    /** Checks name and value. */
    public MetricSample {
        Checks.text("name", name, 1, 128);
        Checks.finite("value", value);
        if (ts != null && ts < 0) {
            throw new IllegalArgumentException("ts must be ≥ 0");
        }
    }
}
