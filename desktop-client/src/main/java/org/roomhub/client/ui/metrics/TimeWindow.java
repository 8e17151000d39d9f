package org.roomhub.client.ui.metrics;

import java.time.Duration;

/** How much time the charts show. */
public enum TimeWindow {
    /** The last minute. */
    ONE_MINUTE("1 min", Duration.ofMinutes(1)),
    /** The last five minutes. */
    FIVE_MINUTES("5 min", Duration.ofMinutes(5)),
    /** The last hour. */
    ONE_HOUR("1 h", Duration.ofHours(1));

    private final String label;
    private final Duration span;

    TimeWindow(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    /** Button text. */
    public String label() {
        return label;
    }

    /** Span in milliseconds. */
    public long millis() {
        return span.toMillis();
    }
}
