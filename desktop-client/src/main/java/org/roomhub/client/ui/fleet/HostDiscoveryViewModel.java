package org.roomhub.client.ui.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.roomhub.agent.HostMetrics;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.RoomListener;
import org.roomhub.client.ui.metrics.MetricFrames;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Finds the fleet's hosts: lists the hub's {@code metrics/<host>} rooms every few seconds, joins
 * new ones (asking for a card's worth of history), leaves gone ones, and says how many are connected.
 * Part of {@link FleetViewModel}; named a view-model because only view-models may reach the network.
 */
final class HostDiscoveryViewModel {

    /** Seconds of history asked for when a host is joined, so its card lines start full. */
    private static final long BACKFILL_SECONDS = Spark.CAPACITY;
    /**
     * How often the room list is read while the fleet tab is hidden. The alerts still need new hosts found, but an
     * HTTP request every few seconds answered for a tab nobody looks at was a good part of the app's work at rest
     * (issue 12); coming into sight reads it at once.
     */
    static final long HIDDEN_REFRESH_MILLIS = 30_000;
    private static final Set<String> CARD_METRICS = Set.of(HostMetrics.CPU_TOTAL, HostMetrics.MEMORY_USED, HostMetrics.NET_IN,
            HostMetrics.NET_OUT, HostMetrics.DISK_READ, HostMetrics.DISK_WRITE);

    /** Where a host's readings go; called on network threads. */
    interface ReadingSink {
        void offer(String host, String metric, long time, double value);
    }

    private final Executor ui;
    private final LongSupplier clock;
    private final long refreshMillis;
    private final ReadingSink readings;
    private final Runnable hostsChanged;
    private final Map<String, HostFigures> hosts = new HashMap<>();
    private final Map<String, RoomConnection> connections = new HashMap<>();
    private final Map<String, ConnectionState> states = new HashMap<>();
    private final Map<String, Long> firstFrameAt = new HashMap<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not connected");
    private ScheduledExecutorService refresher;
    private volatile HubClient hub;
    private volatile boolean inSight = true;
    /** Clock time from which a hidden tab reads the room list again (refresher thread). */
    private long hiddenRefreshAt = Long.MIN_VALUE;

    /**
     * @param ui            runs a task on the UI thread
     * @param clock         wall clock, epoch ms
     * @param refreshMillis how often the hub's room list is read again
     * @param readings      takes each reading (any thread)
     * @param hostsChanged  called on the UI thread after hosts came or went
     */
    HostDiscoveryViewModel(Executor ui, LongSupplier clock, long refreshMillis, ReadingSink readings, Runnable hostsChanged) {
        this.ui = ui;
        this.clock = clock;
        this.refreshMillis = refreshMillis;
        this.readings = readings;
        this.hostsChanged = hostsChanged;
    }

    void attach(HubClient client) {
        detach();
        hub = client;
        status.set("listing hosts…");
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fleet-refresh");
            t.setDaemon(true);
            return t;
        });
        hiddenRefreshAt = Long.MIN_VALUE;
        refresher.scheduleWithFixedDelay(() -> refresh(false), 0, refreshMillis, TimeUnit.MILLISECONDS);
    }

    void detach() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
        connections.values().forEach(RoomConnection::close);
        connections.clear();
        states.clear();
        firstFrameAt.clear();
        hub = null;
        status.set("not connected");
    }

    /** The known hosts by name (FX thread). */
    Map<String, HostFigures> hosts() {
        return hosts;
    }

    /**
     * Whether every listed host's room has answered, the last at least {@code settleMillis} ago (so its
     * snapshot is in and its card made): a picture of the fleet taken then shows all of it. FX thread.
     */
    boolean allAnswered(long now, long settleMillis) {
        if (hosts.isEmpty() || !firstFrameAt.keySet().containsAll(hosts.keySet())) {
            return false;
        }
        return firstFrameAt.values().stream().allMatch(at -> now - at >= settleMillis);
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the fleet tab can be seen; hidden, the room list is read only every {@link #HIDDEN_REFRESH_MILLIS}. FX thread. */
    void inSight(boolean now) {
        boolean was = inSight;
        inSight = now;
        ScheduledExecutorService current = refresher;
        if (now && !was && current != null) {
            try {
                current.execute(() -> refresh(true));
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // detached meanwhile: nothing to read
            }
        }
    }

    /** Reads the room list (off the FX thread) and joins new hosts, leaves gone ones; hidden, only now and then. */
    private void refresh(boolean due) {
        HubClient current = hub;
        long now = clock.getAsLong();
        if (current == null || !due && !inSight && now < hiddenRefreshAt) {
            return;
        }
        hiddenRefreshAt = now + HIDDEN_REFRESH_MILLIS;
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
                firstFrameAt.remove(gone);
                RoomConnection c = connections.remove(gone);
                if (c != null) {
                    c.close();
                }
            }
        }
        hostsChanged.run();
        updateStatus();
    }

    /**
     * Says how many hosts there are and how many are connected: only rooms that get a card (a host
     * that published a figure), not a metrics room only viewers joined. FX thread.
     */
    void updateStatus() {
        if (hub == null) {
            return;
        }
        long shown = 0;
        long up = 0;
        for (HostFigures f : hosts.values()) {
            if (f.published()) {
                shown++;
                up += states.get(f.host()) == ConnectionState.CONNECTED ? 1 : 0;
            }
        }
        status.set("fleet: " + shown + (shown == 1 ? " host" : " hosts") + ", " + up + " connected");
    }

    private RoomListener listenerFor(String host) {
        return new RoomListener() {
            @Override
            public void onFrame(ServerFrame frame) {
                if (frame instanceof ServerFrame.Connected) {
                    ui.execute(() -> {
                        if (connections.containsKey(host)) {
                            firstFrameAt.putIfAbsent(host, clock.getAsLong());
                        }
                    });
                }
                List<String> names = MetricFrames.read(frame, (metric, time, value) -> readings.offer(host, metric, time, value)).stream()
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
