package org.roomhub.hub.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.roomhub.hub.runtime.ClientSession;
import org.roomhub.hub.runtime.RoomHost;
import org.roomhub.hub.runtime.RoomListener;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;

/** Hub-wide figures for Prometheus ({@code GET /metrics}), through Micrometer. */
public final class HubMetrics implements RoomListener, EdgeEvents {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter hibernations;
    private final Counter wakes;
    private final Counter connects;
    private final Counter disconnects;
    private final Counter framesOut;
    private final Counter bytesOut;
    private final Counter framesIn;
    private final Counter alarms;
    private final Counter handlerErrors;
    private final Timer wakeLatency;

    private final Supplier<List<RoomHost>> rooms;
    private final PerRoom perRoom;

    /** Metrics over the rooms {@code rooms} lists. */
    public HubMetrics(Supplier<List<RoomHost>> rooms) {
        this.rooms = rooms;
        this.perRoom = new PerRoom(registry);
        hibernations = Counter.builder("roomhub_hibernations").description("Rooms evicted from memory").register(registry);
        wakes = Counter.builder("roomhub_wakes").description("Rooms re-created from storage").register(registry);
        connects = Counter.builder("roomhub_connections_opened").register(registry);
        disconnects = Counter.builder("roomhub_connections_closed").register(registry);
        framesOut = Counter.builder("roomhub_frames_sent").description("Frames delivered to clients").register(registry);
        bytesOut = Counter.builder("roomhub_bytes_sent").register(registry);
        framesIn = Counter.builder("roomhub_frames_received").register(registry);
        alarms = Counter.builder("roomhub_alarms_fired").register(registry);
        handlerErrors = Counter.builder("roomhub_handler_errors").register(registry);
        wakeLatency = Timer.builder("roomhub_wake_latency").description("Time to re-create a hibernated room")
                .publishPercentiles(0.5, 0.99).minimumExpectedValue(Duration.ofNanos(1000))
                .maximumExpectedValue(Duration.ofSeconds(5)).register(registry);
        Counter.builder("roomhub_frames_dropped").tag("policy", "conflate").register(registry);
        Counter.builder("roomhub_frames_dropped").tag("policy", "close").register(registry);
        Counter.builder("roomhub_slow_consumers_closed").register(registry);
        Counter.builder("roomhub_rate_limited").register(registry);
        for (String reason : List.of("unauthorized", "forbidden", "room_full", "user_limit")) {
            Counter.builder("roomhub_connections_rejected").tag("reason", reason).register(registry);
        }
        for (RoomState s : RoomState.values()) {
            Gauge.builder("roomhub_rooms", rooms, r -> r.get().stream().filter(h -> h.state() == s).count())
                    .tag("state", s.wireName()).description("Rooms by lifecycle state").strongReference(true).register(registry);
        }
        Gauge.builder("roomhub_connections", rooms, r -> r.get().stream().mapToInt(RoomHost::connections).sum())
                .description("Open client connections").strongReference(true).register(registry);
    }

    @Override
    public void dropped(RoomAddress room, String sessionId, long count, String policy) {
        Counter.builder("roomhub_frames_dropped").description("Frames a slow consumer never got (conflated, or discarded on close)")
                .tag("policy", policy).register(registry).increment(count);
        if ("close".equals(policy)) {
            Counter.builder("roomhub_slow_consumers_closed").description("Connections closed with 1013 for falling behind")
                    .register(registry).increment();
        }
    }

    @Override
    public void rateLimited(RoomAddress room, String sessionId) {
        Counter.builder("roomhub_rate_limited").description("Client frames refused with RATE_LIMIT").register(registry).increment();
    }

    @Override
    public void rejected(String reason) {
        Counter.builder("roomhub_connections_rejected").description("Connections refused before joining a room")
                .tag("reason", reason).register(registry).increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        perRoom.update(rooms.get());
        return registry.scrape();
    }

    /** The underlying registry, for transport-level meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void stateChanged(RoomAddress room, RoomState from, RoomState to, long at) {
        if (to == RoomState.HIBERNATING && from != RoomState.RESUMING) {
            hibernations.increment();
        }
    }

    @Override
    public void clientConnected(RoomAddress room, ClientSession session) {
        connects.increment();
    }

    @Override
    public void clientDisconnected(RoomAddress room, ClientSession session, int code, String reason) {
        disconnects.increment();
    }

    @Override
    public void flow(RoomAddress room, String from, List<String> to, String msgType, int bytes, long at) {
        if (to != null && to.size() == 1 && "room".equals(to.get(0))) {
            framesIn.increment();
        }
    }

    @Override
    public void delivered(RoomAddress room, int recipients, int bytes) {
        framesOut.increment(recipients);
        bytesOut.increment((double) recipients * bytes);
    }

    @Override
    public void alarmFired(RoomAddress room, long at) {
        alarms.increment();
    }

    @Override
    public void woke(RoomAddress room, long nanos) {
        wakes.increment();
        wakeLatency.record(Duration.ofNanos(nanos));
    }

    @Override
    public void handlerFailed(RoomAddress room, Throwable error) {
        handlerErrors.increment();
    }
}
