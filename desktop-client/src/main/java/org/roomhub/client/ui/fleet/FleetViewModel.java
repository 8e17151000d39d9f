package org.roomhub.client.ui.fleet;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.client.ui.common.TabViewModel;

/**
 * Every host publishing on the hub ({@code metrics/<host>} rooms, found by {@link HostDiscoveryViewModel}),
 * one live subscription each, and the alerts their figures raise ({@link FleetAlerts}). Network
 * threads only queue readings; {@link #applyPending} (once per frame, from the view) takes them in,
 * and every {@value #EVALUATE_MILLIS} ms judges the rules and re-sorts the hosts by trouble ({@link CardOrder}).
 */
public final class FleetViewModel implements TabViewModel {

    /** How often the rules are judged and the cards re-sorted. */
    public static final long EVALUATE_MILLIS = 500;

    private record Reading(String host, String metric, long time, double value) {}

    private final LongSupplier clock;
    private final ConcurrentLinkedQueue<Reading> pending = new ConcurrentLinkedQueue<>();
    private final FleetAlerts alerts;
    private final CardOrder order = new CardOrder();
    private final HostDiscoveryViewModel discovery;
    private final Set<String> changed = new HashSet<>();
    private Consumer<String> openHost = host -> { };
    private long lastEvaluation;
    private boolean judged;

    /**
     * @param ui            runs a task on the UI thread
     * @param clock         wall clock, epoch ms
     * @param refreshMillis how often the hub's room list is read again
     * @param alarm         plays the alert sound (called off the FX thread, only when sound is on)
     */
    public FleetViewModel(Executor ui, LongSupplier clock, long refreshMillis, Runnable alarm) {
        this.clock = clock;
        this.alerts = new FleetAlerts(clock, alarm);
        this.discovery = new HostDiscoveryViewModel(ui, clock, refreshMillis, this::offer, this::resort);
    }

    @Override
    public void attach(HubClient client, SessionSettings session) {
        discovery.attach(client);
    }

    @Override
    public void detach() {
        discovery.detach();
    }

    @Override
    public boolean hasLiveData() {
        // Every listed host answered (a picture then shows the whole fleet) and some line is drawn.
        return discovery.allAnswered(clock.getAsLong(), 2 * EVALUATE_MILLIS) && hosts().values().stream().anyMatch(h -> h.cpu().size() >= 3);
    }

    /** Whether the fleet tab can be seen: hidden, the hub's room list is read less often (see {@link HostDiscoveryViewModel#inSight}). FX thread. */
    public void inSight(boolean seen) {
        discovery.inSight(seen);
    }

    /** Queues a reading from any thread. */
    public void offer(String host, String metric, long time, double value) {
        pending.add(new Reading(host, metric, time, value));
    }

    /**
     * Takes queued readings in; judges the rules when {@value #EVALUATE_MILLIS} ms have passed. FX thread, once per frame.
     * Which cards to draw again: {@link #takeChanged()} (new figures) and {@link #takeJudged()} (alert and silence marks).
     *
     * @return whether any card must be drawn again
     */
    public boolean applyPending() {
        long now = clock.getAsLong();
        Reading r;
        while ((r = pending.poll()) != null) {
            HostFigures figures = hosts().get(r.host());
            if (figures != null) {
                figures.add(r.metric(), r.time(), r.value(), now);
                changed.add(r.host());
            }
        }
        if (now - lastEvaluation >= EVALUATE_MILLIS) {
            lastEvaluation = now;
            alerts.evaluate(hosts().values().stream().filter(HostFigures::published).toList(), now);
            resort();
            judged = true;
        }
        return judged || !changed.isEmpty();
    }

    /** Hosts with new figures since the last call: their lines need drawing. FX thread. */
    public Set<String> takeChanged() {
        Set<String> hosts = Set.copyOf(changed);
        changed.clear();
        return hosts;
    }

    /** Whether the rules were judged since the last call: every card's alert count and silence may have moved. FX thread. */
    public boolean takeJudged() {
        boolean was = judged;
        judged = false;
        return was;
    }

    private Map<String, HostFigures> hosts() {
        return discovery.hosts();
    }

    private void resort() {
        order.resort(hosts(), alerts::firingOn);
        discovery.updateStatus(); // a host gets counted once it published, as it gets its card
    }

    /** Host names, most troubled first. */
    public ObservableList<String> order() {
        return order.order();
    }

    /** What is known of {@code host}, or null. */
    public HostFigures figures(String host) {
        return hosts().get(host);
    }

    /** How many alerts fire on {@code host}. */
    public int firingOn(String host) {
        return alerts.firingOn(host);
    }

    /** Alerts, newest first; a resolved one keeps its place with its end time. */
    public ObservableList<Alert> alerts() {
        return alerts.alerts();
    }

    /** The rules; editing the list takes effect at once. */
    public ObservableList<AlertRule> rules() {
        return alerts.rules();
    }

    /** Alerts firing now: the tab's badge. */
    public ReadOnlyIntegerProperty firingProperty() {
        return alerts.firingProperty();
    }

    /** Whether a new alert plays a sound (off unless the user turns it on). */
    public BooleanProperty soundProperty() {
        return alerts.soundProperty();
    }

    /**
     * Puts back the alert list of an earlier run (newest first). A firing one whose rule still exists
     * goes on firing under the same start time, until its host's figures no longer break the rule;
     * one whose rule is gone resolves now.
     */
    public void restoreAlerts(java.util.List<Alert> history) {
        alerts.restore(history, clock.getAsLong());
    }

    /** Removes resolved alerts from the list. */
    public void clearResolved() {
        alerts.clearResolved();
    }

    /** What a click on a card does (the app shows the host's detail charts). */
    public void setOpenHost(Consumer<String> action) {
        openHost = action;
    }

    /** Opens {@code host}'s detail charts. */
    public void open(String host) {
        openHost.accept(host);
    }

    @Override
    public ReadOnlyStringProperty statusProperty() {
        return discovery.statusProperty();
    }
}
