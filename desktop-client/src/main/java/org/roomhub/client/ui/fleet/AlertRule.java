package org.roomhub.client.ui.fleet;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Locale;

/**
 * When a host is in trouble: a figure past a threshold for a while, or a host that stopped
 * publishing. Kept in the settings file as JSON with a {@code kind} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = AlertRule.Threshold.class, name = "threshold"),
        @JsonSubTypes.Type(value = AlertRule.Silence.class, name = "silence")})
public sealed interface AlertRule {

    /** Which hosts the rule watches: a glob ({@code *} any characters), {@code *} for all. */
    String hostPattern();

    /** The rule in words, e.g. {@code cpu.total > 90 for 60 s on any host}. */
    String describe();

    /** Whether {@code host} is watched by this rule. */
    default boolean appliesTo(String host) {
        return glob(hostPattern(), host);
    }

    /** Whether {@code metric} is {@code pattern} or matches it as a glob ({@code fs.used.*}). */
    static boolean metricMatches(String pattern, String metric) {
        return pattern.indexOf('*') < 0 ? pattern.equals(metric) : glob(pattern, metric);
    }

    /**
     * Whether all of {@code text} matches {@code pattern}, where {@code *} stands for any characters. Compared
     * by hand, not through a regex: the fleet judges every rule against every metric of every host twice a
     * second, and a regex compiled each time was the app's busiest code at rest (issue 12).
     */
    private static boolean glob(String pattern, String text) {
        String p = pattern == null || pattern.isBlank() ? "*" : pattern.strip();
        int pi = 0;
        int ti = 0;
        int star = -1; // the last '*' seen, and where in the text its match ends so far
        int starEnd = 0;
        while (ti < text.length()) {
            if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                starEnd = ti;
            } else if (pi < p.length() && p.charAt(pi) == text.charAt(ti)) {
                pi++;
                ti++;
            } else if (star >= 0) {
                pi = star + 1; // let that '*' take one character more
                ti = ++starEnd;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** The rules a new user starts with: the three examples. */
    static java.util.List<AlertRule> defaults() {
        return java.util.List.of(new Threshold("cpu.total", Comparison.ABOVE, 90, 60, "*"),
                new Threshold("fs.used.*", Comparison.ABOVE, 95, 0, "*"),
                new Silence(30, "*"));
    }

    /** Greater or smaller than. */
    enum Comparison {
        /** The value is above the threshold. */
        ABOVE(">"),
        /** The value is below the threshold. */
        BELOW("<");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /** {@code >} or {@code <}. */
        public String symbol() {
            return symbol;
        }

        boolean holds(double value, double threshold) {
            return this == ABOVE ? value > threshold : value < threshold;
        }
    }

    /**
     * A metric past a threshold for at least {@code seconds}. A glob metric ({@code fs.used.*})
     * looks at its worst matching figure.
     */
    record Threshold(String metric, Comparison comparison, double threshold, long seconds, String hostPattern) implements AlertRule {

        /** Checks the fields. */
        public Threshold {
            if (metric == null || metric.isBlank()) {
                throw new IllegalArgumentException("a rule needs a metric name, e.g. cpu.total or fs.used.*");
            }
            if (comparison == null) {
                throw new IllegalArgumentException("a rule needs > or <");
            }
            if (Double.isNaN(threshold) || Double.isInfinite(threshold)) {
                throw new IllegalArgumentException("the threshold must be a number");
            }
            if (seconds < 0) {
                throw new IllegalArgumentException("the duration cannot be negative");
            }
            metric = metric.strip();
            hostPattern = hostPattern == null || hostPattern.isBlank() ? "*" : hostPattern.strip();
        }

        /** Whether {@code value} breaks the rule. */
        public boolean breaks(double value) {
            return comparison.holds(value, threshold);
        }

        @Override
        public String describe() {
            return metric + " " + comparison.symbol() + " " + number(threshold) + (seconds > 0 ? " for " + seconds + " s" : "")
                    + " on " + hosts(hostPattern);
        }
    }

    /** No figure from a host for {@code seconds}. */
    record Silence(long seconds, String hostPattern) implements AlertRule {

        /** Checks the fields. */
        public Silence {
            if (seconds <= 0) {
                throw new IllegalArgumentException("a silence rule needs a number of seconds above 0");
            }
            hostPattern = hostPattern == null || hostPattern.isBlank() ? "*" : hostPattern.strip();
        }

        @Override
        public String describe() {
            return "silent for " + seconds + " s on " + hosts(hostPattern);
        }
    }

    private static String hosts(String pattern) {
        return pattern.equals("*") ? "any host" : pattern;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
