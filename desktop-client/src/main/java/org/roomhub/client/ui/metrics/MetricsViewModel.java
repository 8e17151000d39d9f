package org.roomhub.client.ui.metrics;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomSubscription;
import org.roomhub.client.ui.common.TabViewModel;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Live metrics of one or more hosts (each a {@code metrics/<host>} room). Network threads only
 * {@link #offer} points into a queue; the view calls {@link #applyPending} once per frame, so a
 * burst of thousands of updates costs one redraw. FX-thread state otherwise.
 */
public final class MetricsViewModel implements TabViewModel {

    /** How far back the charts can show and how much history is asked for on connect. */
    public static final long RETENTION_MILLIS = TimeWindow.ONE_HOUR.millis();

    private record Pending(String host, String metric, long time, double value) {}

    private final Executor ui;
    private final LongSupplier clock;
    private final MetricCatalog catalog = new MetricCatalog();
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    /** Set by the first point queued since the last {@link #applyPending}: one wake-up per frame, not per point. */
    private final java.util.concurrent.atomic.AtomicBoolean queuedSignalled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Runnable onPointsQueued = () -> {};
    private final Map<String, SeriesModel> series = new HashMap<>();
    private final Map<String, ChartModel> chartsByKey = new HashMap<>();
    private final Map<String, RoomSubscription> connections = new HashMap<>();
    private final Map<String, ConnectionState> states = new HashMap<>();

    private final ObservableList<ChartModel> charts = FXCollections.observableArrayList();
    private final ObservableList<ChartModel> chartsReadOnly = FXCollections.unmodifiableObservableList(charts);
    private final ObservableList<String> hosts = FXCollections.observableArrayList();
    private final ObservableList<String> hostsReadOnly = FXCollections.unmodifiableObservableList(hosts);
    private final ObservableList<String> selectedHosts = FXCollections.observableArrayList();
    private final ObservableList<String> selectedHostsReadOnly = FXCollections.unmodifiableObservableList(selectedHosts);
    private final ObjectProperty<TimeWindow> window = new SimpleObjectProperty<>(TimeWindow.ONE_MINUTE);
    private final ChartPause pause = new ChartPause();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private HubClient hub;

    /**
     * @param ui    runs a task on the UI thread ({@code Platform::runLater}; {@code Runnable::run} in tests)
     * @param clock wall clock, epoch ms
     */
    public MetricsViewModel(Executor ui, LongSupplier clock) {
        this.ui = ui;
        this.clock = clock;
    }

    @Override
    public void attach(HubClient hub, SessionSettings session) {
        attach(hub, session.localHost());
    }

    @Override
    public boolean hasLiveData() {
        return series.values().stream().anyMatch(s -> s.buffer().size() >= 3);
    }

    /** Uses {@code hub} from now on and shows {@code defaultHost}. */
    public void attach(HubClient hub, String defaultHost) {
        detach();
        this.hub = hub;
        if (defaultHost != null) {
            setHostSelected(defaultHost, true);
        }
        refreshHosts();
    }

    /** Closes every connection and forgets the data. */
    @Override
    public void detach() {
        connections.values().forEach(RoomSubscription::leave);
        connections.clear();
        states.clear();
        selectedHosts.clear();
        series.clear();
        chartsByKey.clear();
        charts.clear();
        pending.clear();
        hub = null;
        status.set("not connected");
    }

    /** Re-reads the hub's {@code metrics} rooms into {@link #hosts()}; off the FX thread. */
    public void refreshHosts() {
        HubClient current = hub;
        if (current == null) {
            return;
        }
        current.rooms().thenAccept(rooms -> ui.execute(() -> rooms.stream()
                .filter(r -> r.type().equals("metrics"))
                .forEach(r -> addHost(r.name()))))
                .exceptionally(e -> null); // a hub without /api/rooms yet still works with the local host
    }

    /** Shows or hides one host's series; with a hub attached, opens or closes its room connection. */
    public void setHostSelected(String host, boolean selected) {
        if (selected == selectedHosts.contains(host)) {
            return;
        }
        if (selected) {
            addHost(host);
            selectedHosts.add(host);
            if (hub != null) {
                // Named so the architecture view tells the chart viewer from the publishing agent.
                RoomSubscription subscription = subscriptionFor(host);
                connections.put(host, subscription);
                subscription.join(hub, new RoomAddress("metrics", host), () -> "charts");
            }
        } else {
            selectedHosts.remove(host);
            RoomSubscription subscription = connections.remove(host);
            if (subscription != null) {
                subscription.leave();
            }
            states.remove(host);
            series.values().removeIf(s -> s.host().equals(host));
            chartsByKey.values().forEach(c -> c.removeHost(host));
            charts.removeIf(c -> c.series().isEmpty());
            chartsByKey.values().removeIf(c -> c.series().isEmpty());
        }
        updateStatus();
    }

    /** Shows {@code host} alone (a fleet card was clicked). */
    public void showOnly(String host) {
        List.copyOf(selectedHosts).stream().filter(h -> !h.equals(host)).forEach(h -> setHostSelected(h, false));
        setHostSelected(host, true);
    }

    /** Freezes or unfreezes everything the charts show; points keep arriving and wait for Resume. */
    public void togglePause() {
        pause.toggle(clock.getAsLong());
    }

    /** Queues a point from any thread; it is shown at the next {@link #applyPending}. */
    public void offer(String host, String metric, long time, double value) {
        pending.add(new Pending(host, metric, time, value));
        if (!queuedSignalled.getAndSet(true)) {
            onPointsQueued.run();
        }
    }

    /** Runs {@code listener} (on the offering thread) when points wait for {@link #applyPending}, once per call of it. */
    public void onPointsQueued(Runnable listener) {
        onPointsQueued = listener;
    }

    /**
     * Moves queued points into the series. Call once per frame on the FX thread.
     *
     * @return whether anything changed
     */
    public boolean applyPending() {
        queuedSignalled.set(false); // before draining, so a point queued meanwhile signals again
        if (pause.holds(pending.size())) {
            return false;
        }
        long applied = 0;
        Pending p;
        while ((p = pending.poll()) != null) {
            if (!selectedHosts.contains(p.host())) {
                continue; // arrived after the host was deselected
            }
            seriesFor(p.host(), p.metric()).buffer().add(p.time(), p.value());
            applied++;
        }
        if (applied > 0) {
            pause.shown(applied);
        }
        return applied > 0;
    }

    /** End of the visible time range, epoch ms. */
    public long viewEnd() {
        return pause.end(clock.getAsLong());
    }

    /** Newest point time the charts may draw (the pause instant while paused), epoch ms. */
    public long drawUntil() {
        return pause.until();
    }

    /** Start of the visible time range, epoch ms. */
    public long viewStart() {
        return viewEnd() - window.get().millis();
    }

    /** Charts in display order. */
    public ObservableList<ChartModel> charts() {
        return chartsReadOnly;
    }

    /** Every known metrics room. */
    public ObservableList<String> hosts() {
        return hostsReadOnly;
    }

    /** The hosts being shown. */
    public ObservableList<String> selectedHosts() {
        return selectedHostsReadOnly;
    }

    /** The visible span; the view binds its toggle buttons to it. */
    public ObjectProperty<TimeWindow> windowProperty() {
        return window;
    }

    /** Whether the charts are frozen. */
    public ReadOnlyBooleanProperty pausedProperty() {
        return pause.pausedProperty();
    }

    /** Points shown so far, all series together; does not move while paused. */
    public ReadOnlyLongProperty pointsAppliedProperty() {
        return pause.pointsShownProperty();
    }

    /** Connection state of the shown hosts, for the status line. */
    @Override
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    private SeriesModel seriesFor(String host, String metric) {
        String key = host + '\u0000' + metric;
        SeriesModel model = series.get(key);
        if (model == null) {
            model = new SeriesModel(host, metric, catalog.seriesLabel(metric), new SeriesBuffer(RETENTION_MILLIS));
            series.put(key, model);
            ChartSpec spec = catalog.chartFor(metric);
            ChartModel chart = chartsByKey.get(spec.key());
            if (chart == null) {
                chart = new ChartModel(spec);
                chartsByKey.put(spec.key(), chart);
                charts.add(chart);
                FXCollections.sort(charts, Comparator.comparingInt((ChartModel c) -> c.spec().order())
                        .thenComparing(c -> c.spec().title()));
            }
            chart.add(model);
        }
        return model;
    }

    private void addHost(String host) {
        if (!hosts.contains(host)) {
            hosts.add(host);
            FXCollections.sort(hosts);
        }
    }

    private void updateStatus() {
        if (states.isEmpty()) {
            status.set(selectedHosts.isEmpty() ? "no host selected" : hub == null ? "not connected" : "connecting…");
            return;
        }
        StringBuilder text = new StringBuilder();
        states.forEach((host, state) -> text.append(text.length() == 0 ? "" : " · ")
                .append("metrics/").append(host).append(": ").append(state.label()));
        status.set(text.toString());
    }

    /** Frames go straight into the coalescing queue on the network thread; states are shown on the FX thread. */
    private RoomSubscription subscriptionFor(String host) {
        return RoomSubscription.framesAsTheyCome(ui, frame -> {
            List<String> names = MetricFrames.read(frame, (metric, time, value) -> offer(host, metric, time, value));
            if (!names.isEmpty()) {
                backfill(host, names);
            }
        }, (room, state, detail) -> {
            if (connections.containsKey(host)) {
                states.put(host, state);
                updateStatus();
            }
        });
    }

    private void backfill(String host, List<String> names) {
        ui.execute(() -> {
            RoomSubscription subscription = connections.get(host);
            if (subscription != null) {
                names.forEach(name -> subscription.send(new ClientFrame.HistoryRequest(name, RETENTION_MILLIS / 1000)));
            }
        });
    }

}
