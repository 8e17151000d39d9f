package org.roomhub.client.ui.architecture;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * One rate figure, frames per second over the last full second, per room and for the whole hub
 * (the sum of the rooms), counted the same way whether the hub sent single {@code flow} frames or a
 * {@code flow-summary}. FX thread.
 */
final class FlowRates {

    private final Map<String, Double> thisSecond = new HashMap<>();
    private final Map<String, Double> perRoom = new HashMap<>();
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper perSecond = new ReadOnlyDoubleWrapper();
    private long secondStart;

    /** Counts {@code frames} through {@code room}; the figures change only at {@link #tick}. */
    void count(String room, double frames) {
        thisSecond.merge(room, frames, Double::sum);
        total.set(total.get() + Math.round(frames));
    }

    /**
     * Rolls the second over once a full one has passed at {@code now}. Only the view's frame calls
     * this, just before it draws, so the room labels and the sidebar total always show the same second.
     */
    void tick(long now) {
        if (secondStart == 0) {
            secondStart = now;
        }
        if (now - secondStart >= 1000) {
            double seconds = (now - secondStart) / 1000.0;
            perRoom.clear();
            thisSecond.forEach((key, n) -> perRoom.put(key, n / seconds));
            perSecond.set(perRoom.values().stream().mapToDouble(Double::doubleValue).sum());
            thisSecond.clear();
            secondStart = now;
        }
    }

    double roomRate(String room) {
        return perRoom.getOrDefault(room, 0.0);
    }

    ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty perSecondProperty() {
        return perSecond.getReadOnlyProperty();
    }
}
