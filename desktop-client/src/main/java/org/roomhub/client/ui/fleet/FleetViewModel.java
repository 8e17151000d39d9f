package org.roomhub.client.ui.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.roomhub.agent.HostMetrics;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.RoomListener;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.client.ui.common.TabViewModel;
import org.roomhub.client.ui.metrics.MetricFrames;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Every host publishing on the hub ({@code metrics/<host>} rooms, listed through {@code GET /api/rooms}
 * every few seconds), one live subscription each, and the alerts their figures raise. Network
 * threads only queue readings; {@link #applyPending} (once per frame, from the view) takes them in,
 * and every {@value #EVALUATE_MILLIS} ms judges the rules and re-sorts the hosts by trouble.
 */
public final class FleetViewModel implements TabViewModel {

    /** How often the rules are judged and the cards re-sorted. */
    public static final long EVALUATE_MILLIS = 500;
    /** Seconds of history asked for when a host is joined, so its card lines start full. */
    private static final long BACKFILL_SECONDS = Spark.CAPACITY;
    private static final Set<String> CARD_METRICS = Set.of(HostMetrics.CPU_TOTAL, HostMetrics.MEMORY_USED, HostMetrics.NET_IN,
            HostMetrics.NET_OUT, HostMetrics.DISK_READ, HostMetrics.DISK_WRITE);

    private record Reading(String host, String metric, long time, double value) {}

    private final Executor ui;
    private final LongSupplier clock;
    private final long refreshMillis;
    private final ConcurrentLinkedQueue<Reading> pending = new ConcurrentLinkedQueue<>();
    private final Map<String, HostFigures> hosts = new HashMap<>();
    private final Map<String, RoomConnection> connections = new HashMap<>();
    private final Map<String, ConnectionState> states = new HashMap<>();
    private final AlertEngine engine = new AlertEngine();
    private final ObservableList<String> order = FXCollections.observableArrayList();
    private final ObservableList<Alert> alerts = FXCollections.observableArrayList();
    private final ObservableList<AlertRule> rules = FXCollections.observableArrayList(AlertRule.defaults());
    private final ReadOnlyIntegerWrapper firing = new ReadOnlyIntegerWrapper(0);
    private final BooleanProperty sound = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private final Runnable alarm;
    private Consumer<String> openHost = host -> { };
    private ScheduledExecutorService refresher;
    private HubClient hub;
    private long lastEvaluation;

    /**
     * @param ui            runs a task on the UI thread
     * @param clock         wall clock, epoch ms
     * @param refreshMillis how often the hub's room list is read again
     * @param alarm         plays the alert sound (called off the FX thread, only when sound is on)
     */
    public FleetViewModel(Executor ui, LongSupplier clock, long refreshMillis, Runnable alarm) {
        this.ui = ui;
        this.clock = clock;
        this.refreshMillis = refreshMillis;
        this.alarm = alarm;
        rules.addListener((ListChangeListener<AlertRule>) c -> changes(engine.setRules(rules, clock.getAsLong())));
        engine.setRules(rules, clock.getAsLong());
    }

    @Override
    public void attach(HubClient client, SessionSettings session) {
        detach();
        hub = client;
        status.set("listing hosts…");
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fleet-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, refreshMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void detach() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
        connections.values().forEach(RoomConnection::close);
        connections.clear();
        states.clear();
        hub = null;
        status.set("not connected");
    }

    @Override
    public boolean hasLiveData() {
        return hosts.values().stream().anyMatch(h -> h.cpu().size() >= 3);
    }

    /** Reads the room list (off the FX thread) and joins new hosts, leaves gone ones. */
    private void refresh() {
        HubClient current = hub;
        if (current == null) {
            return;
        }
        current.rooms().thenAccept(rooms -> {
            Set<String> listed = new HashSet<>();
            rooms.stream().filter(r -> r.type().equals("metrics")).forEach(r -> listed.add(r.name()));
            ui.execute(() -> listed(current, listed));
        }).exceptionally(e -> {
            ui.execute(() -> {
                if (current == hub) {
                    status.set("cannot list hosts: " + e.getCause().getMessage());
                }
            });
            return null;
        });
    }

    private void listed(HubClient from, Set<String> listed) {
        if (from != hub) {
            return;
        }
        long now = clock.getAsLong();
        for (String host : listed) {
            hosts.computeIfAbsent(host, h -> new HostFigures(h, now));
            connections.computeIfAbsent(host, h -> hub.join(new RoomAddress("metrics", h), "fleet", listenerFor(h)));
        }
        for (String gone : new ArrayList<>(hosts.keySet())) {
            if (!listed.contains(gone)) {
                hosts.remove(gone);
                states.remove(gone);
                RoomConnection c = connections.remove(gone);
                if (c != null) {
                    c.close();
                }
            }
        }
        resort();
        updateStatus();
    }

    /** Queues a reading from any thread. */
    public void offer(String host, String metric, long time, double value) {
        pending.add(new Reading(host, metric, time, value));
    }

    /**
     * Takes queued readings in; judges the rules when {@value #EVALUATE_MILLIS} ms have passed. FX thread, once per frame.
     *
     * @return whether the cards must be drawn again
     */
    public boolean applyPending() {
        long now = clock.getAsLong();
        boolean changed = false;
        Reading r;
        while ((r = pending.poll()) != null) {
            HostFigures figures = hosts.get(r.host());
            if (figures != null) {
                figures.add(r.metric(), r.time(), r.value(), now);
                changed = true;
            }
        }
        if (now - lastEvaluation >= EVALUATE_MILLIS) {
            lastEvaluation = now;
            changes(engine.evaluate(hosts.values().stream().filter(HostFigures::published).toList(), now));
            resort();
            changed = true;
        }
        return changed;
    }

    private void changes(List<Alert> changes) {
        boolean fired = false;
        for (Alert a : changes) {
            if (a.firing()) {
                alerts.add(0, a);
                fired = true;
            } else {
                for (int i = 0; i < alerts.size(); i++) {
                    Alert old = alerts.get(i);
                    if (old.firing() && old.host().equals(a.host()) && old.rule().equals(a.rule()) && old.firedAt() == a.firedAt()) {
                        alerts.set(i, a);
                        break;
                    }
                }
            }
        }
        if (alerts.size() > 500) {
            alerts.remove(500, alerts.size());
        }
        firing.set((int) alerts.stream().filter(Alert::firing).count());
        if (fired && sound.get()) {
            Thread beep = new Thread(alarm, "alert-sound");
            beep.setDaemon(true);
            beep.start();
        }
    }

    private void resort() {
        // A room only viewers joined (a metrics tab showing a host that publishes nothing) is no host.
        List<String> sorted = new ArrayList<>(hosts.values().stream().filter(HostFigures::published).map(HostFigures::host).toList());
        sorted.sort(Comparator.comparingInt((String h) -> -engine.firingOn(h))
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
    public ObservableList<String> order() {
        return order;
    }

    /** What is known of {@code host}, or null. */
    public HostFigures figures(String host) {
        return hosts.get(host);
    }

    /** How many alerts fire on {@code host}. */
    public int firingOn(String host) {
        return engine.firingOn(host);
    }

    /** Alerts, newest first; a resolved one keeps its place with its end time. */
    public ObservableList<Alert> alerts() {
        return alerts;
    }

    /** The rules; editing the list takes effect at once. */
    public ObservableList<AlertRule> rules() {
        return rules;
    }

    /** Alerts firing now: the tab's badge. */
    public ReadOnlyIntegerProperty firingProperty() {
        return firing.getReadOnlyProperty();
    }

    /** Whether a new alert plays a sound (off unless the user turns it on). */
    public BooleanProperty soundProperty() {
        return sound;
    }

    /** Removes resolved alerts from the list. */
    public void clearResolved() {
        alerts.removeIf(a -> !a.firing());
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
        return status.getReadOnlyProperty();
    }

    private void updateStatus() {
        long up = states.values().stream().filter(s -> s == ConnectionState.CONNECTED).count();
        status.set("fleet: " + hosts.size() + (hosts.size() == 1 ? " host" : " hosts") + ", " + up + " connected");
    }

    private RoomListener listenerFor(String host) {
        return new RoomListener() {
            @Override
            public void onFrame(ServerFrame frame) {
                List<String> names = MetricFrames.read(frame, (metric, time, value) -> offer(host, metric, time, value)).stream()
                        .filter(CARD_METRICS::contains).toList();
                if (!names.isEmpty()) {
                    ui.execute(() -> {
                        RoomConnection c = connections.get(host);
                        if (c != null) {
                            names.forEach(n -> c.send(new ClientFrame.HistoryRequest(n, BACKFILL_SECONDS)));
                        }
                    });
                }
            }

            @Override
            public void onStateChanged(ConnectionState state, String detail) {
                ui.execute(() -> {
                    if (connections.containsKey(host)) {
                        states.put(host, state);
                        updateStatus();
                    }
                });
            }
        };
    }
}
