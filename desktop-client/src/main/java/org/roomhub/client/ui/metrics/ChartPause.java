package org.roomhub.client.ui.metrics;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * What Pause freezes: the end of the time axis and every figure the charts show. While paused,
 * new points wait in the view-model's queue (up to {@link #MAX_HELD}), so lines, legend values,
 * axis scale and the points counter all stay as they were; Resume applies them at once. FX thread.
 */
final class ChartPause {

    /** Points held back at most; beyond this they are applied but still drawn only up to the pause. */
    static final int MAX_HELD = 250_000;

    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyLongWrapper pointsShown = new ReadOnlyLongWrapper();
    private long pausedAt;

    /** Pauses at {@code now}, or resumes. */
    void toggle(long now) {
        if (!paused.get()) {
            pausedAt = now;
        }
        paused.set(!paused.get());
    }

    /** Whether points waiting in a queue of {@code queued} should stay there. */
    boolean holds(int queued) {
        return paused.get() && queued < MAX_HELD;
    }

    /** Counts points that became visible. */
    void shown(long n) {
        pointsShown.set(pointsShown.get() + n);
    }

    /** The end of the visible range: the pause instant, or {@code now}. */
    long end(long now) {
        return paused.get() ? pausedAt : now;
    }

    /** Newest point time the charts may show: the pause instant, or no limit. */
    long until() {
        return paused.get() ? pausedAt : Long.MAX_VALUE;
    }

    ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    ReadOnlyLongProperty pointsShownProperty() {
        return pointsShown.getReadOnlyProperty();
    }
}
