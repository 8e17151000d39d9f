package org.roomhub.client.ui.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The order of the host cards: most firing alerts first, then busiest CPU, then by name. FX thread only. */
final class CardOrder {

    private final ObservableList<String> order = FXCollections.observableArrayList();

    /** Sorts the publishing hosts of {@code hosts} again; the list only changes when the order does. */
    void resort(Map<String, HostFigures> hosts, ToIntFunction<String> firingOn) {
        // A room only viewers joined (a metrics tab showing a host that publishes nothing) is no host.
        List<String> sorted = new ArrayList<>(hosts.values().stream().filter(HostFigures::published).map(HostFigures::host).toList());
        sorted.sort(Comparator.comparingInt((String h) -> -firingOn.applyAsInt(h))
                .thenComparingDouble(h -> {
                    double cpu = hosts.get(h).cpu().last();
                    return Double.isNaN(cpu) ? 1 : -cpu;
                })
                .thenComparing(h -> h));
        if (!sorted.equals(order)) {
            order.setAll(sorted);
        }
    }

    /** Host names, most troubled first. */
    ObservableList<String> order() {
        return order;
    }
}
