package org.roomhub.hub.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.roomhub.hub.runtime.RoomHost;
import org.roomhub.protocol.value.RoomStats;

/**
 * Per-room figures for Prometheus, tagged {@code room="type/name"}: built from the registry for each
 * scrape and removed after it, so rooms come and go without meters registered by hand, and a
 * hibernated room costs no meter memory between scrapes.
 */
final class PerRoom {

    private record Figure(MultiGauge gauge, ToDoubleFunction<RoomStats> value) {}

    private final List<Figure> figures = new ArrayList<>();
    private final MultiGauge state;

    PerRoom(MeterRegistry registry) {
        add(registry, "roomhub_room_connections", "Open connections of the room", RoomStats::connections);
        add(registry, "roomhub_room_messages_processed", "Client frames the room handled", RoomStats::messagesProcessed);
        add(registry, "roomhub_room_errors", "Handler failures of the room", RoomStats::errorCount);
        add(registry, "roomhub_room_hibernations", "Times the room was evicted from memory", RoomStats::hibernations);
        add(registry, "roomhub_room_active_seconds", "Time the room spent in memory", s -> s.activeMillis() / 1000.0);
        add(registry, "roomhub_room_hibernated_seconds", "Time the room spent hibernated", s -> s.hibernatedMillis() / 1000.0);
        add(registry, "roomhub_room_seq", "The room's latest broadcast sequence number", RoomStats::seq);
        state = MultiGauge.builder("roomhub_room_state").description("1 for the room's current lifecycle state").register(registry);
    }

    private void add(MeterRegistry registry, String name, String description, ToDoubleFunction<RoomStats> value) {
        figures.add(new Figure(MultiGauge.builder(name).description(description).register(registry), value));
    }

    /** Removes every per-room meter (until the next {@link #update}). */
    void clear() {
        for (Figure f : figures) {
            f.gauge().register(List.of(), true);
        }
        state.register(List.of(), true);
    }

    void update(List<RoomHost> rooms) {
        List<RoomStats> stats = rooms.stream().map(RoomHost::stats).toList();
        for (Figure f : figures) {
            f.gauge().register(stats.stream()
                    .map(s -> MultiGauge.Row.of(Tags.of("room", s.type() + "/" + s.name()), f.value().applyAsDouble(s)))
                    .toList(), true);
        }
        state.register(stats.stream()
                .map(s -> MultiGauge.Row.of(Tags.of("room", s.type() + "/" + s.name(), "state", s.state().wireName()), 1))
                .toList(), true);
    }
}
