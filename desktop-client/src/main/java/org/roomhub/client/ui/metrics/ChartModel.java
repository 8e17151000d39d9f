package org.roomhub.client.ui.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** One chart: its spec and the series drawn on it, in a stable order. FX thread only. */
public final class ChartModel {

    private final ChartSpec spec;
    private final List<SeriesModel> series = new ArrayList<>();

    ChartModel(ChartSpec spec) {
        this.spec = spec;
    }

    /** Title, unit and axis bound. */
    public ChartSpec spec() {
        return spec;
    }

    /** The series, sorted by host then by metric (numerically for cores). */
    public List<SeriesModel> series() {
        return Collections.unmodifiableList(series);
    }

    void add(SeriesModel model) {
        series.add(model);
        series.sort(Comparator.comparing(SeriesModel::host).thenComparing(s -> naturalKey(s.metric())));
    }

    void removeHost(String host) {
        series.removeIf(s -> s.host().equals(host));
    }

    private static String naturalKey(String metric) {
        // cpu.core.10 after cpu.core.9
        return metric.replaceAll("(\\d+)", "0000$1").replaceAll("0*(\\d{5})", "$1");
    }
}
