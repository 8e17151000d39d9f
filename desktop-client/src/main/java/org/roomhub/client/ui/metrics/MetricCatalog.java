package org.roomhub.client.ui.metrics;

import org.roomhub.agent.HostMetrics;

/** Groups metric names into charts and gives each its unit; unknown names get a chart of their own. */
public final class MetricCatalog {

    /** The chart for {@code metric}. */
    public ChartSpec chartFor(String metric) {
        if (metric.equals(HostMetrics.CPU_TOTAL)) {
            return new ChartSpec("cpu", "CPU total", MetricUnit.PERCENT, 0, 100);
        }
        if (metric.startsWith(HostMetrics.CPU_CORE)) {
            return new ChartSpec("cores", "CPU per core", MetricUnit.PERCENT, 1, 100);
        }
        if (metric.equals(HostMetrics.MEMORY_USED)) {
            return new ChartSpec("memory", "Memory used", MetricUnit.BYTES, 2, Double.NaN);
        }
        if (metric.equals(HostMetrics.SWAP_USED)) {
            return new ChartSpec("swap", "Swap used", MetricUnit.BYTES, 3, Double.NaN);
        }
        if (metric.startsWith("net.")) {
            return new ChartSpec("net", "Network in / out", MetricUnit.BYTES_PER_SECOND, 4, Double.NaN);
        }
        if (metric.startsWith("disk.")) {
            return new ChartSpec("disk", "Disk read / write", MetricUnit.BYTES_PER_SECOND, 5, Double.NaN);
        }
        if (metric.startsWith("load.")) {
            return new ChartSpec("load", "Load average (1 / 5 / 15 min)", MetricUnit.NONE, 6, Double.NaN);
        }
        if (metric.equals(HostMetrics.JVM_HEAP)) {
            return new ChartSpec("heap", "JVM heap used", MetricUnit.BYTES, 7, Double.NaN);
        }
        return new ChartSpec("m:" + metric, metric, MetricUnit.NONE, 100, Double.NaN);
    }

    /** The legend label of a metric within its chart ({@code cpu.core.3} → {@code core 3}). */
    public String seriesLabel(String metric) {
        if (metric.startsWith(HostMetrics.CPU_CORE)) {
            return "core " + metric.substring(HostMetrics.CPU_CORE.length());
        }
        int dot = metric.lastIndexOf('.');
        String tail = dot >= 0 ? metric.substring(dot + 1) : metric;
        if (metric.startsWith("load.")) {
            return tail + " min";
        }
        return tail;
    }
}
