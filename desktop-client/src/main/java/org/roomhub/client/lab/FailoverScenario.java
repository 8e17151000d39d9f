package org.roomhub.client.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.roomhub.client.localhub.LocalCluster;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Three hubs on loopback as one cluster ({@link LocalCluster}), a client of every room on every member
 * (WebSocket, SSE and polling in turn) sending every 3 s, the diagram on member a. After a quiet spell it
 * kills (-9) one member by itself; the user may stop, kill or restart any member meanwhile. For each failure
 * it measures, per room, when a client on a surviving member got an acknowledgement for a message sent after
 * the failure ("writable again"), moves the dead member's clients to survivors with a resume by seq, and
 * says whether frames crossed members at all (the hub forwards rooms between members only once its
 * routing lands: until then each member runs its own copy of a room, and the table says so).
 */
public final class FailoverScenario extends ScenarioBase {

    private static final List<String> MEMBERS = List.of("a", "b", "c");
    private static final int ROOMS = 4;
    private static final long QUIET_MILLIS = 10_000;
    private static final long GIVE_UP_MILLIS = 30_000;
    private static final List<TransportKind> KINDS = List.of(TransportKind.WEBSOCKET, TransportKind.SSE, TransportKind.POLLING);

    private final Map<ChattingClient, String> memberOf = new ConcurrentHashMap<>();
    private final Map<ChattingClient, RoomAddress> roomOf = new ConcurrentHashMap<>();
    private final Map<String, String> hosts = new ConcurrentHashMap<>();
    private final Map<String, Move> moves = new ConcurrentHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final List<RoomAddress> rooms = new ArrayList<>();
    private volatile LocalCluster cluster;
    private volatile String shownMember;
    private volatile String phase = "Starting three cluster members (Infinispan takes a while to start)…";
    private volatile String failure;
    private volatile long upAt;
    private volatile boolean autoKilled;

    /** One member failure: which, how, when ({@link System#nanoTime()}), the room hosts just before, clients moved. */
    record Failure(String member, String how, long at, Map<String, String> hostsBefore, int moved) {}

    /** A room's host changed from {@code from} to {@code to}, seen at {@code at} ({@link System#nanoTime()}). */
    record Move(String from, String to, long at) {}

    FailoverScenario(LabContext lab) {
        super(lab);
        for (int r = 1; r <= ROOMS; r++) {
            rooms.add(RoomAddress.parse("chat/lab-failover-" + r));
        }
    }

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.FAILOVER;
    }

    @Override
    public void start() {
        Thread run = new Thread(this::script, "lab-failover-script");
        run.setDaemon(true);
        run.start();
    }

    private void script() {
        try {
            cluster = new LocalCluster(MEMBERS);
            lab.log("Lab failover: starting members a, b, c of cluster " + cluster.name() + " on loopback",
                    "Three child JVMs: --cluster " + cluster.name() + " --cluster-bind 127.0.0.1:P --cluster-members … --node-id a|b|c");
            cluster.startAll();
            phase = "Members started; waiting until each sees all three…";
            await(() -> MEMBERS.stream().allMatch(m -> upMembers(m) == MEMBERS.size()), 120, "the members did not form one cluster in 120 s");
            show("a");
            for (int i = 0; i < MEMBERS.size(); i++) {
                for (int r = 0; r < ROOMS; r++) {
                    TransportKind kind = KINDS.get((i + r) % KINDS.size());
                    HubClient hub = keep(new HubClient(HubEndpoint.parse(cluster.url(MEMBERS.get(i)), null), new FrameCodec(), kind));
                    ChattingClient c = keep(new ChattingClient(hub, rooms.get(r), "m-" + MEMBERS.get(i) + "-" + (r + 1), MEMBERS.get(i)));
                    memberOf.put(c, MEMBERS.get(i));
                    roomOf.put(c, rooms.get(r));
                }
            }
            List<ChattingClient> all = List.copyOf(memberOf.keySet());
            int[] turn = {0};
            every(250, () -> all.get(turn[0]++ % all.size()).sendNext()); // each client every 3 s
            every(2_000, this::readHosts);
            await(() -> all.stream().allMatch(c -> !c.acknowledged().isEmpty()), 60, "not every client got a message through in 60 s");
            upAt = System.nanoTime();
            phase = "Cluster up, " + all.size() + " clients chatting; member " + busiest() + " is killed in " + QUIET_MILLIS / 1000 + " s "
                    + "(or stop/kill one yourself)";
            after(QUIET_MILLIS, () -> {
                if (failures.isEmpty()) {
                    autoKilled = true;
                    stopMember(busiest(), true);
                }
            });
        } catch (IOException | RuntimeException e) {
            if (!closed()) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                lab.log("Lab failover: stopped: " + failure, null);
            }
        }
    }

    /** Stops member {@code id} (SIGTERM, or SIGKILL with {@code kill}) and moves its clients to the others; returns at once. */
    public void stopMember(String id, boolean kill) {
        LocalCluster c = cluster;
        if (c == null || !c.running(id)) {
            return;
        }
        Thread t = new Thread(() -> {
            Map<String, String> before = Map.copyOf(hosts);
            long at = System.nanoTime();
            c.stop(id, kill);
            String how = kill ? "kill -9" : "stopped (SIGTERM)";
            lab.log("Lab failover: member " + id + " " + how, "Its clients move to the surviving members and resume by seq.");
            if (id.equals(shownMember)) {
                survivors(id).stream().findFirst().ifPresent(this::show);
            }
            List<String> others = survivors(id);
            int moved = 0;
            for (Map.Entry<ChattingClient, String> e : memberOf.entrySet()) {
                if (e.getValue().equals(id) && !others.isEmpty()) {
                    String to = others.get(moved++ % others.size());
                    e.getKey().moveTo(keep(new HubClient(HubEndpoint.parse(c.url(to), null), new FrameCodec(), e.getKey().kind())), to);
                    memberOf.put(e.getKey(), to);
                }
            }
            failures.add(new Failure(id, how, at, before, moved));
        }, "lab-failover-stop-" + id);
        t.setDaemon(true);
        t.start();
    }

    /** Starts member {@code id} again on its port and data; returns at once. */
    public void restartMember(String id) {
        LocalCluster c = cluster;
        if (c == null || c.running(id)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                c.start(id);
                lab.log("Lab failover: member " + id + " started again", "Same ports and data folder; it rejoins the cluster.");
            } catch (IOException e) {
                lab.log("Lab failover: member " + id + " did not start again", e.getMessage());
            }
        }, "lab-failover-start-" + id);
        t.setDaemon(true);
        t.start();
    }

    /** Member ids the user can act on. */
    public List<String> memberIds() {
        return cluster == null ? List.of() : MEMBERS;
    }

    private void show(String member) {
        shownMember = member;
        lab.show(HubEndpoint.parse(cluster.url(member), null));
    }

    private List<String> survivors(String dead) {
        return MEMBERS.stream().filter(m -> !m.equals(dead) && cluster.running(m)).toList();
    }

    /** How many members {@code member}'s {@code /api/cluster} lists as up (0 if it does not answer). */
    private int upMembers(String member) {
        JsonNode json = clusterOf(member);
        int up = 0;
        for (JsonNode m : json.path("members")) {
            up += "up".equals(m.path("state").asText()) ? 1 : 0;
        }
        return up;
    }

    private JsonNode clusterOf(String member) {
        try (HubClient client = new HubClient(HubEndpoint.parse(cluster.url(member), null), new FrameCodec())) {
            return client.json("/api/cluster").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /**
     * Room hosts from {@code node} on every running member's {@code /api/rooms} rows (a member lists the rooms it
     * runs or serves). The member that names itself knows best; another's word counts only while none is known or
     * the known host is down. A change of host is kept as a move.
     */
    private void readHosts() {
        for (String member : MEMBERS) {
            if (cluster == null || !cluster.running(member)) {
                continue;
            }
            try (HubClient client = new HubClient(HubEndpoint.parse(cluster.url(member), null), new FrameCodec())) {
                for (JsonNode row : client.json("/api/rooms").get(5, TimeUnit.SECONDS).path("rooms")) {
                    String key = row.path("type").asText() + "/" + row.path("name").asText();
                    String node = row.path("node").asText("");
                    String known = hosts.get(key);
                    if (!node.isEmpty() && (node.equals(member) || known == null || !cluster.running(known))) {
                        hosts.put(key, node);
                        if (known != null && !known.equals(node)) {
                            moves.put(key, new Move(known, node, System.nanoTime()));
                        }
                    }
                }
            } catch (Exception e) {
                // the member may be on its way down: the next read tries again
            }
        }
    }

    /** The member hosting the most rooms (by {@code node}), or c when the hub does not say. */
    private String busiest() {
        java.util.Comparator<String> byRooms = java.util.Comparator.comparingLong(m -> hosts.values().stream().filter(m::equals).count());
        return MEMBERS.stream().max(byRooms).filter(hosts::containsValue).orElse("c");
    }

    private void await(java.util.function.BooleanSupplier condition, int seconds, String message) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && !closed()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(message);
            }
            try {
                Thread.sleep(250); // the scenario's own script thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
    }

    @Override
    public LabReport report() {
        return new FailoverReport(this).build();
    }

    // for FailoverReport
    String phase() {
        return failure != null ? "Stopped: " + failure : phase;
    }

    boolean failed() {
        return failure != null;
    }

    List<Failure> failures() {
        return failures;
    }

    List<RoomAddress> rooms() {
        return rooms;
    }

    Map<ChattingClient, String> memberOf() {
        return memberOf;
    }

    Map<ChattingClient, RoomAddress> roomOf() {
        return roomOf;
    }

    Map<String, Move> moves() {
        return moves;
    }

    /** Whether member {@code id} runs now. */
    boolean running(String id) {
        LocalCluster c = cluster;
        return c != null && c.running(id);
    }

    Map<String, String> hosts() {
        return hosts;
    }

    boolean autoKilled() {
        return autoKilled;
    }

    long giveUpMillis() {
        return GIVE_UP_MILLIS;
    }

    @Override
    public void close() {
        super.close();
        lab.show(null);
        LocalCluster c = cluster;
        if (c != null) {
            c.close();
        }
    }
}
