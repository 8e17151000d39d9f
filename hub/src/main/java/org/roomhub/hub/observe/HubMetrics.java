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
    /** The rooms listed once for the scrape running now (a dormant room's figures are read from storage per listing). */
    private List<RoomHost> scraping;
    private final PerRoom perRoom;

    /** Metrics over the rooms {@code rooms} lists. */
    public HubMetrics(Supplier<List<RoomHost>> rooms) {
        this.rooms = rooms;
        this.perRoom = new PerRoom(registry);
        hibernations = counter("roomhub_hibernations", "Rooms evicted from memory (hibernated)").register(registry);
        wakes = counter("roomhub_wakes", "Hibernated rooms re-created from storage").register(registry);
        connects = counter("roomhub_connections_opened", "Client sessions that joined a room, over every transport").register(registry);
        disconnects = counter("roomhub_connections_closed", "Client sessions that left a room, however they ended").register(registry);
        framesOut = counter("roomhub_frames_sent", "Frames delivered to clients (one per recipient)").register(registry);
        bytesOut = counter("roomhub_bytes_sent", "Bytes of frames delivered to clients (frame size times recipients)").register(registry);
        framesIn = counter("roomhub_frames_received", "Frames received from clients, pings included").register(registry);
        alarms = counter("roomhub_alarms_fired", "Room alarms that fired").register(registry);
        handlerErrors = counter("roomhub_handler_errors", "Room events whose handler threw (their effects were dropped)").register(registry);
        wakeLatency = Timer.builder("roomhub_wake_latency").description("Time to re-create a hibernated room")
                .publishPercentiles(0.5, 0.99).minimumExpectedValue(Duration.ofNanos(1000))
                .maximumExpectedValue(Duration.ofSeconds(5)).register(registry);
        for (String policy : List.of("conflate", "close")) {
            dropped(policy);
        }
        slowConsumersClosed();
        rateLimited();
        for (String reason : List.of("unauthorized", "forbidden", "room_full", "user_limit")) {
            rejectedCounter(reason);
        }
        for (RoomState s : RoomState.values()) {
            Gauge.builder("roomhub_rooms", rooms, r -> listed().stream().filter(h -> h.state() == s).count())
                    .tag("state", s.wireName()).description("Rooms by lifecycle state").strongReference(true).register(registry);
        }
        Gauge.builder("roomhub_connections", rooms, r -> listed().stream().mapToInt(RoomHost::connections).sum())
                .description("Open client connections").strongReference(true).register(registry);
    }

    @Override
    public void dropped(RoomAddress room, String sessionId, long count, String policy) {
        dropped(policy).increment(count);
        if ("close".equals(policy)) {
            slowConsumersClosed().increment();
        }
    }

    @Override
    public void answered(RoomAddress room, String sessionId, String msgType, int bytes, long at) {
        delivered(room, 1, bytes);
        flow(room, "room", List.of(sessionId), msgType, bytes, at);
    }

    @Override
    public void rateLimited(RoomAddress room, String sessionId) {
        rateLimited().increment();
    }

    @Override
    public void rejected(String reason) {
        rejectedCounter(reason).increment();
    }

    // Every meter is built here with its help text, so a first registration never lacks one
    // (Micrometer keeps the description of the first registration of a name).

    private static Counter.Builder counter(String name, String help) {
        return Counter.builder(name).description(help);
    }

    private Counter dropped(String policy) {
        return counter("roomhub_frames_dropped", "Frames a slow consumer never got, by policy: conflated, or discarded on close")
                .tag("policy", policy).register(registry);
    }

    private Counter slowConsumersClosed() {
        return counter("roomhub_slow_consumers_closed", "Connections closed with 1013 for falling behind").register(registry);
    }

    private Counter rateLimited() {
        return counter("roomhub_rate_limited", "Client frames refused with RATE_LIMIT").register(registry);
    }

    private Counter rejectedCounter(String reason) {
        return counter("roomhub_connections_rejected", "Connections refused before joining a room, by reason")
                .tag("reason", reason).register(registry);
    }

    private List<RoomHost> listed() {
        List<RoomHost> now = scraping;
        return now != null ? now : rooms.get();
    }

    /** The Prometheus text exposition. */
    public synchronized String scrape() {
        scraping = rooms.get();
        perRoom.update(scraping);
        try {
            return registry.scrape();
        } finally {
            scraping = null;
            // Per-room meters live only for the scrape: kept between scrapes they cost ~3 KB per room, hibernated or not.
            perRoom.clear();
        }
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
