package org.roomhub.client.ui.architecture;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubRequestException;
import org.roomhub.client.net.ObserverConnection;
import org.roomhub.protocol.frame.ObserverFrame;

/**
 * Watches one hub for the diagram: its observer stream, {@code /api/rooms} every 2 s while the diagram is in sight, and
 * {@code /api/cluster} (members, and {@code node} on room rows) when the hub is a cluster member. Switching
 * to another hub (a lab scenario's child hub or cluster member) closes the previous watch. Answers come
 * back on the UI thread.
 */
final class HubWatchViewModel {

    private final Executor ui;
    private final DiagramModel diagram;
    private final ObserverStatusViewModel observed;
    private final java.util.function.Consumer<ObserverFrame> frames;
    private ObserverConnection observer;
    private ScheduledExecutorService poller;
    private volatile boolean inSight = true;
    private volatile HubClient hub;
    private HubClient own;

    HubWatchViewModel(Executor ui, DiagramModel diagram, ObserverStatusViewModel observed, java.util.function.Consumer<ObserverFrame> frames) {
        this.ui = ui;
        this.diagram = diagram;
        this.observed = observed;
        this.frames = frames;
    }

    /** Starts watching {@code app}, or the hub at {@code other} instead when not null (through a client of its own); UI thread. */
    void watch(HubClient app, org.roomhub.client.net.HubEndpoint other) {
        stop();
        if (other != null) {
            own = new HubClient(other, new org.roomhub.protocol.FrameCodec());
        }
        HubClient target = other != null ? own : app;
        hub = target;
        observed.opening();
        observer = target.observe(frame -> ui.execute(() -> frames.accept(frame)),
                (state, detail) -> ui.execute(() -> observed.moved(state, detail)));
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "architecture-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, 2, TimeUnit.SECONDS);
    }

    /** The hub watched now, or null. */
    HubClient hub() {
        return hub;
    }

    /** Stops watching; UI thread. */
    void stop() {
        if (observer != null) {
            observer.close();
            observer = null;
        }
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        hub = null;
        if (own != null) {
            own.close();
            own = null;
        }
    }

    /**
     * Whether the diagram can be seen. While it cannot (another tab), the 2-s poll is skipped: three HTTP
     * requests every 2 s, answered and parsed for nobody, were a good part of the app's work at rest (issue 12).
     * Coming into sight polls at once. The observer stream keeps running (the event log and counters). UI thread.
     */
    void inSight(boolean now) {
        boolean was = inSight;
        inSight = now;
        ScheduledExecutorService current = poller;
        if (now && !was && current != null && !current.isShutdown()) {
            try {
                current.execute(this::poll);
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // stopped meanwhile: nothing to poll
            }
        }
    }

    private void poll() {
        HubClient current = hub;
        if (current == null || !inSight) {
            return;
        }
        current.rooms().thenAccept(list -> ui.execute(() -> {
            if (hub == current) {
                diagram.merge(list);
            }
        })).exceptionally(e -> null);
        current.json("/api/cluster").thenAccept(json -> {
            String self = json.path("self").asText();
            List<ClusterModel.Member> members = new ArrayList<>();
            json.path("members").forEach(m -> members.add(new ClusterModel.Member(m.path("id").asText(), m.path("url").asText(),
                    m.path("state").asText(), m.path("rooms").asInt())));
            ui.execute(() -> {
                if (hub == current) {
                    diagram.cluster().members(self, members);
                }
            });
            current.json("/api/rooms").thenAccept(rows -> {
                Map<String, String> hosts = hostsOf(rows);
                ui.execute(() -> {
                    if (hub == current) {
                        diagram.cluster().hosts(hosts);
                    }
                });
            });
        }).exceptionally(e -> {
            if (e.getCause() instanceof HubRequestException r && r.status() == 404) {
                ui.execute(() -> {
                    if (hub == current && diagram.cluster().clustered()) {
                        diagram.cluster().single(); // a single hub: 404 NOT_CLUSTERED
                    }
                });
            }
            return null;
        });
    }

    /** Room key → member id from {@code node} on {@code /api/rooms} rows (PROTOCOL's Cluster section); rows without it are skipped. */
    static Map<String, String> hostsOf(JsonNode rows) {
        Map<String, String> hosts = new HashMap<>();
        rows.path("rooms").forEach(r -> {
            if (r.hasNonNull("node")) {
                hosts.put(r.path("type").asText() + "/" + r.path("name").asText(), r.path("node").asText());
            }
        });
        return hosts;
    }
}
