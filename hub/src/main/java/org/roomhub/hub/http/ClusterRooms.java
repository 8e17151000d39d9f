package org.roomhub.hub.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.roomhub.hub.cluster.route.ClusterRouting;
import org.roomhub.hub.runtime.RoomHost;
import org.roomhub.hub.runtime.RoomRegistry;
import org.roomhub.protocol.FrameCodec;

/**
 * Cluster mode: every room of the cluster for {@code GET /api/rooms} and the observer's {@code hello}.
 * This member asks every other member up in its view, over the cluster link, for the rooms it has in
 * memory (question {@code rooms}: each row = the room's full stats + {@code node} + {@code epoch}), waits
 * at most {@link #TIMEOUT}, and merges: one row per room, the one from the member that hosts it when
 * several members have it. The answer names the members whose rooms are in it ({@code nodes}) and those
 * that did not answer in time ({@code missing}; their rooms are absent, the list is partial).
 */
public final class ClusterRooms {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** Rows of every room (sorted by address), the members they come from, the members that did not answer. */
    public record Listing(List<ObjectNode> rows, List<String> nodes, List<String> missing) {}

    private final RoomRegistry registry;
    private final ClusterRouting routing;
    private final ObjectMapper mapper;
    private final String self;

    /** Answers the other members' {@code rooms} question from {@code registry} as well. */
    public ClusterRooms(RoomRegistry registry, ClusterRouting routing, FrameCodec codec, String self) {
        this.registry = registry;
        this.routing = routing;
        this.mapper = codec.mapper();
        this.self = self;
        routing.questions().answer("rooms", arg -> local(List.copyOf(registry.all())).toString());
    }

    /** The cluster's rooms: this member's {@code hosts} and what the others say. */
    public CompletableFuture<Listing> all(List<RoomHost> hosts) {
        ArrayNode mine = local(hosts);
        return routing.questions().askAll("rooms", "", TIMEOUT).thenApply(answers -> {
            Map<String, ObjectNode> rows = new TreeMap<>();
            Map<String, String> from = new TreeMap<>();
            merge(rows, from, self, mine);
            List<String> nodes = new ArrayList<>(List.of(self));
            answers.byMember().forEach((member, text) -> {
                try {
                    merge(rows, from, member, mapper.readTree(text));
                    nodes.add(member);
                } catch (JsonProcessingException e) {
                    // a member that answered garbage counts as missing
                }
            });
            List<String> missing = new ArrayList<>(answers.missing());
            answers.byMember().keySet().stream().filter(m -> !nodes.contains(m)).forEach(missing::add);
            return new Listing(List.copyOf(rows.values()), nodes.stream().sorted().toList(), missing.stream().sorted().toList());
        });
    }

    /** The observer's {@code hello} over the whole cluster, as JSON text. */
    public CompletableFuture<String> hello(List<RoomHost> hosts, long ts) {
        return all(hosts).thenApply(l -> {
            ObjectNode hello = mapper.createObjectNode();
            hello.put("type", "hello");
            hello.set("rooms", mapper.valueToTree(l.rows()));
            hello.put("ts", ts);
            hello.set("nodes", mapper.valueToTree(l.nodes()));
            hello.set("missing", mapper.valueToTree(l.missing()));
            return hello.toString();
        });
    }

    /** One row per room: the first seen, replaced by the row of the member that hosts the room. */
    private static void merge(Map<String, ObjectNode> rows, Map<String, String> from, String member, JsonNode list) {
        for (JsonNode row : list) {
            if (!(row instanceof ObjectNode o)) {
                continue;
            }
            String room = o.path("type").asText() + "/" + o.path("name").asText();
            String host = o.path("node").asText();
            String had = from.get(room);
            if (had == null || (!had.equals(rows.get(room).path("node").asText()) && member.equals(host))) {
                rows.put(room, o);
                from.put(room, member);
            }
        }
    }

    private ArrayNode local(List<RoomHost> hosts) {
        ArrayNode out = mapper.createArrayNode();
        for (RoomHost h : hosts) {
            ObjectNode row = mapper.valueToTree(h.stats());
            routing.fields(h.address()).forEach((k, v) -> row.set(k, mapper.valueToTree(v)));
            out.add(row);
        }
        return out;
    }
}
