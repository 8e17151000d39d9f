package org.roomhub.client.ui.fleet;

import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The fleet's alerting: the editable rules, the engine judging them, the alert list the user sees
 * (newest first, capped) and the optional sound. FX thread only.
 */
final class FleetAlerts {

    /** Alerts kept in the list; older ones fall off the end. */
    static final int MAX_ALERTS = 500;

    private final AlertEngine engine = new AlertEngine();
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final ObservableList<AlertRule> rules = FXCollections.observableArrayList(AlertRule.defaults());
    private final ReadOnlyIntegerWrapper firing = new ReadOnlyIntegerWrapper(0);
    private final BooleanProperty sound = new SimpleBooleanProperty(false);
    private final Runnable alarm;

    /**
     * @param clock wall clock, epoch ms
     * @param alarm plays the alert sound (called off the FX thread, only when sound is on)
     */
    FleetAlerts(LongSupplier clock, Runnable alarm) {
        this.alarm = alarm;
        rules.addListener((ListChangeListener<AlertRule>) c -> changes(engine.setRules(rules, clock.getAsLong())));
        engine.setRules(rules, clock.getAsLong());
    }

    /** Judges the rules against {@code hosts} at {@code now} and records what fired or resolved. */
    void evaluate(Collection<HostFigures> hosts, long now) {
        changes(engine.evaluate(hosts, now));
    }

    private void changes(List<Alert> changes) {
        boolean fired = false;
        for (Alert a : changes) {
            if (a.firing()) {
                alerts.add(0, a);
                fired = true;
            } else {
                resolve(a);
            }
        }
        if (alerts.size() > MAX_ALERTS) {
            alerts.remove(MAX_ALERTS, alerts.size());
        }
        firing.set((int) alerts.stream().filter(Alert::firing).count());
        if (fired && sound.get()) {
            Thread beep = new Thread(alarm, "alert-sound");
            beep.setDaemon(true);
            beep.start();
        }
    }

    /** Puts back an earlier run's alerts (newest first); firing ones are handed to the engine to go on judging. */
    void restore(List<Alert> history, long now) {
        List<Alert> kept = new java.util.ArrayList<>();
        for (Alert a : history.subList(0, Math.min(history.size(), MAX_ALERTS))) {
            AlertRule rule = a.firing() ? rules.stream().filter(r -> r.describe().equals(a.rule())).findFirst().orElse(null) : null;
            if (a.firing() && rule != null) {
                engine.adopt(rule, a);
            }
            kept.add(a.firing() && rule == null ? a.resolved(now) : a);
        }
        alerts.setAll(kept);
        firing.set((int) alerts.stream().filter(Alert::firing).count());
    }

    /** Replaces the firing alert {@code resolved} ends, keeping its place in the list. */
    private void resolve(Alert resolved) {
        for (int i = 0; i < alerts.size(); i++) {
            Alert old = alerts.get(i);
            if (old.firing() && old.host().equals(resolved.host()) && old.rule().equals(resolved.rule())
                    && old.firedAt() == resolved.firedAt()) {
                alerts.set(i, resolved);
                return;
            }
        }
    }

    int firingOn(String host) {
        return engine.firingOn(host);
    }

    ObservableList<Alert> alerts() {
        return alerts;
    }

    ObservableList<AlertRule> rules() {
        return rules;
    }

    ReadOnlyIntegerProperty firingProperty() {
        return firing.getReadOnlyProperty();
    }

    BooleanProperty soundProperty() {
        return sound;
    }

    void clearResolved() {
        alerts.removeIf(a -> !a.firing());
    }
}
