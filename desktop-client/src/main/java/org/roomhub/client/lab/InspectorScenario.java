package org.roomhub.client.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomStats;

/**
 * Looks into the room picked in the architecture view once a second through PROTOCOL.md's "Managing
 * rooms" endpoints: its stats, its sessions (transport, tags, frames queued for each) and its stored keys.
 * Its actions (hibernate, disconnect a session, delete the room) are the same endpoints.
 */
public final class InspectorScenario extends ScenarioBase {

    private static final int KEYS = 200;

    private final Supplier<String> picked;
    private volatile LabReport latest = LabReport.starting("Reading the room…");
    private volatile List<String> sessionIds = List.of();

    InspectorScenario(LabContext lab) {
        super(lab);
        this.picked = lab::selectedRoom;
    }

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.INSPECTOR;
    }

    @Override
    public void start() {
        every(1_000, this::inspect);
    }

    private void inspect() {
        String key = picked.get();
        if (key == null) {
            latest = LabReport.starting("Pick a room in the Room box on the right.");
            return;
        }
        RoomAddress room = RoomAddress.parse(key);
        try {
            RoomStats s = lab.hub().roomStats(room).get(5, TimeUnit.SECONDS);
            JsonNode sessions = lab.hub().admin().sessions(room).get(5, TimeUnit.SECONDS).path("sessions");
            JsonNode storage = lab.hub().admin().storage(room, KEYS).get(5, TimeUnit.SECONDS);
            List<String> ids = new ArrayList<>();
            sessions.forEach(x -> ids.add(x.path("sessionId").asText()));
            sessionIds = List.copyOf(ids);
            latest = describe(key, s, sessions, storage);
        } catch (Exception e) {
            latest = new LabReport(key + ": " + rootMessage(e), List.of("", key), List.of(), "", List.of(), List.of(), true);
        }
    }

    private static LabReport describe(String key, RoomStats s, JsonNode sessions, JsonNode storage) {
        List<LabReport.Row> rows = new ArrayList<>();
        rows.add(row("state", s.state().name().toLowerCase(java.util.Locale.ROOT), "active, idle, hibernating or resuming"));
        rows.add(row("seq", Long.toString(s.seq()), "The room's latest broadcast number: clients resume from it"));
        rows.add(row("connections", s.connections() + " now, " + s.totalConnections() + " ever", null));
        rows.add(row("messages processed", String.format("%,d", s.messagesProcessed()), "Client frames the room handled"));
        rows.add(row("hibernations", Long.toString(s.hibernations()), null));
        long keyBytes = 0;
        int keys = 0;
        for (JsonNode entry : storage.path("entries")) {
            keys++;
            keyBytes += entry.path("bytes").asLong();
        }
        boolean more = !storage.path("next").isNull() && !storage.path("next").isMissingNode();
        rows.add(row("storage", String.format("%,d B in total; %s%d keys, %,d B of values", s.storageBytes(), more ? "first " : "", keys, keyBytes),
                "storageBytes from the room stats; keys and their sizes from GET …/storage"));
        for (JsonNode session : sessions) {
            List<String> tags = new ArrayList<>();
            session.path("tags").forEach(t -> tags.add(t.asText()));
            rows.add(row(session.path("user").asText() + " (" + session.path("sessionId").asText() + ")",
                    session.path("transport").asText() + " · " + session.path("role").asText()
                            + (tags.isEmpty() ? "" : " · tags " + String.join(",", tags))
                            + " · " + session.path("queuedFrames").asLong() + " frames queued (" + session.path("queuedBytes").asLong() + " B)",
                    "A session: how it is connected, its role and tags, and what waits in its outbound queue"));
        }
        List<String> notes = new ArrayList<>();
        int shown = 0;
        for (JsonNode entry : storage.path("entries")) {
            if (shown++ == 6) {
                break;
            }
            notes.add("key " + entry.path("key").asText() + " · " + entry.path("bytes").asLong() + " B");
        }
        return new LabReport(key + ": " + s.state().name().toLowerCase(java.util.Locale.ROOT) + ", seq " + s.seq() + ", "
                + sessions.size() + (sessions.size() == 1 ? " session" : " sessions"), List.of("", key), rows, "", List.of(), notes, true);
    }

    @Override
    public LabReport report() {
        return latest;
    }

    /** The sessions of the room as last read, for the disconnect picker. */
    public List<String> sessionIds() {
        return sessionIds;
    }

    /** Asks the hub to hibernate the picked room now. */
    public void hibernate() {
        act("hibernate", room -> lab.hub().admin().forceHibernate(room));
    }

    /** Closes one session of the picked room from the hub side (1000). */
    public void disconnect(String sessionId) {
        act("disconnect " + sessionId, room -> lab.hub().admin().disconnect(room, sessionId));
    }

    /** Closes the picked room's clients (1001) and deletes it with its storage. */
    public void delete() {
        act("delete", room -> lab.hub().admin().deleteRoom(room).thenRun(() -> lab.roomGone(org.roomhub.client.net.HubClient.key(room))));
    }

    private void act(String what, java.util.function.Function<RoomAddress, java.util.concurrent.CompletableFuture<Void>> call) {
        String key = picked.get();
        if (key == null) {
            return;
        }
        call.apply(RoomAddress.parse(key)).whenComplete((v, e) -> lab.log("Inspector: " + what + " " + key
                + (e == null ? ": done" : " failed"), e == null ? null : rootMessage(e)));
    }

    private static LabReport.Row row(String label, String value, String hint) {
        return new LabReport.Row(label, List.of(value), hint);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
