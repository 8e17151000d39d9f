package org.roomhub.agent;

import java.util.List;
import org.roomhub.protocol.value.MetricSample;

/**
 * Writes a {@code metric-batch} frame by hand. The agent sends nothing else, and leaving Jackson
 * unloaded keeps about 500 classes (several MiB) out of a process meant to stay under 64 MiB.
 * {@code BatchJsonTest} checks the protocol's own codec reads it back unchanged.
 */
final class BatchJson {

    private BatchJson() {}

    /** {@code {"type":"metric-batch","points":[{"name":…,"value":…,"ts":…},…]}}. */
    static String write(List<MetricSample> points) {
        StringBuilder out = new StringBuilder(64 + 64 * points.size());
        out.append("{\"type\":\"metric-batch\",\"points\":[");
        for (int i = 0; i < points.size(); i++) {
            MetricSample p = points.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"name\":");
            string(out, p.name());
            // MetricSample admits finite values only, which Double.toString writes as valid JSON numbers.
            out.append(",\"value\":").append(p.value().doubleValue());
            if (p.ts() != null) {
                out.append(",\"ts\":").append(p.ts().longValue());
            }
            out.append('}');
        }
        return out.append("]}").toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
