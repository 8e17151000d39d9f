package org.roomhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Membership, placement and epoch fencing of {@link ClusterNode} with three members in child JVMs on
 * loopback (one cluster for the whole story, because starting Infinispan is the slow part).
 */
class ClusterNodeTest {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration CHANGE = Duration.ofSeconds(45);
    private static final List<String> IDS = List.of("a", "b", "c");

    private final Map<String, ChildJvm> members = new LinkedHashMap<>();

    @AfterEach
    void killAll() throws InterruptedException {
        for (ChildJvm m : members.values()) {
            m.kill9();
        }
    }

    @Test
    void membersAgreeOnPlacementFenceStaleHostsMoveRoomsOfADeadMemberAndRefuseWritesWhenAlone() throws Exception {
        List<Integer> ports = LoopbackPorts.pick(3);
        String all = LoopbackPorts.members(ports);
        for (int i = 0; i < 3; i++) {
            members.put(IDS.get(i), ChildJvm.start(IDS.get(i), NodeMember.class, List.of("test-cluster",
                    "127.0.0.1:" + ports.get(i), all, IDS.get(i), "http://" + IDS.get(i) + ".test:7070")));
        }
        for (ChildJvm m : members.values()) {
            assertThat(m.answer(START)).isEqualTo("ready");
        }
        for (ChildJvm m : members.values()) {
            await().atMost(CHANGE).until(() -> m.ask("view"),
                    v -> v.equals("a:up:0:http://a.test:7070,b:up:0:http://b.test:7070,c:up:0:http://c.test:7070"));
        }
        assertThat(members.get("a").ask("events")).contains("node-up b http://b.test:7070", "node-up c http://c.test:7070");

        // Bytes from one member to another (the channel frames will travel on), FIFO per sender.
        for (int i = 0; i < 5; i++) {
            assertThat(members.get("a").ask("send b frame-" + i)).isEqualTo("true");
        }
        assertThat(members.get("a").ask("send nobody x")).isEqualTo("false");
        await().atMost(CHANGE).until(() -> members.get("b").ask("events"),
                e -> e.contains("message a frame-0;message a frame-1;message a frame-2;message a frame-3;message a frame-4"));

        // Placement: every member names the same host for every room, and each member hosts some.
        List<String> rooms = IntStream.range(0, 30).mapToObj(i -> "chat/room-" + i).toList();
        Map<String, String> owners = owners(rooms, List.copyOf(members.values()));
        assertThat(owners.values()).containsAll(IDS);

        // Fencing: each room activated on its host; a second activation elsewhere makes the first stale.
        Map<String, Long> epochs = new HashMap<>();
        for (String room : rooms) {
            epochs.put(room, Long.parseLong(members.get(owners.get(room)).ask("activate " + room)));
        }
        String room = rooms.get(0);
        ChildJvm host = members.get(owners.get(room));
        ChildJvm other = members.get(IDS.stream().filter(id -> !id.equals(owners.get(room))).findFirst().orElseThrow());
        long taken = Long.parseLong(other.ask("activate " + room));
        assertThat(taken).isGreaterThan(epochs.get(room));
        assertThat(host.ask("check " + room + " " + epochs.get(room))).isEqualTo("STALE");
        assertThat(other.ask("check " + room + " " + taken)).isEqualTo("CURRENT");
        await().atMost(CHANGE).until(() -> host.ask("events"), e -> e.contains("fenced " + room + " " + epochs.get(room) + " " + taken));
        long back = Long.parseLong(host.ask("activate " + room));
        epochs.put(room, back);

        // Two members activating the same room at once: distinct epochs, the larger one is current.
        String contested = rooms.get(1);
        host.send("activate " + contested);
        other.send("activate " + contested);
        long e1 = Long.parseLong(host.answer(CHANGE));
        long e2 = Long.parseLong(other.answer(CHANGE));
        assertThat(e1).isNotEqualTo(e2);
        ChildJvm winner = e1 > e2 ? host : other;
        assertThat(winner.ask("check " + contested + " " + Math.max(e1, e2))).isEqualTo("CURRENT");
        assertThat(winner.ask("check " + contested + " " + Math.min(e1, e2))).isEqualTo("STALE");
        epochs.put(contested, Math.max(e1, e2));

        // The view counts rooms by host.
        Map<String, Long> perHost = new HashMap<>();
        owners.values().forEach(id -> perHost.merge(id, 1L, Long::sum));
        String busiest = perHost.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertThat(members.get("a").ask("view")).contains(busiest + ":up:" + perHost.get(busiest) + ":");

        // Kill -9 the busiest member: survivors see it down and its rooms move to them, writable again.
        members.get(busiest).kill9();
        List<ChildJvm> survivors = members.entrySet().stream().filter(e -> !e.getKey().equals(busiest))
                .map(Map.Entry::getValue).toList();
        for (ChildJvm s : survivors) {
            await().atMost(CHANGE).until(() -> s.ask("view"), v -> v.contains(busiest + ":down:0:"));
        }
        List<String> moved = rooms.stream().filter(r -> owners.get(r).equals(busiest)).toList();
        for (ChildJvm s : survivors) {
            await().atMost(CHANGE).until(() -> s.ask("events"),
                    e -> e.contains("node-down " + busiest) && moved.stream().allMatch(r -> e.contains("room-moved " + r + " " + busiest + " ")));
        }
        Map<String, String> after = owners(rooms, survivors);
        assertThat(after.values()).doesNotContain(busiest);
        String r0 = moved.get(0);
        ChildJvm newHost = members.get(after.get(r0));
        long reactivated = Long.parseLong(newHost.ask("activate " + r0));
        assertThat(reactivated).isGreaterThan(epochs.get(r0));
        assertThat(newHost.ask("check " + r0 + " " + reactivated)).isEqualTo("CURRENT");

        // Kill another: the one left alone is a minority and neither takes nor checks epochs.
        ChildJvm alone = survivors.get(0);
        survivors.get(1).kill9();
        await().atMost(CHANGE).until(() -> alone.ask("check " + r0 + " " + reactivated), "NO_QUORUM"::equals);
        assertThat(alone.ask("activate " + r0)).startsWith("error NoQuorumException");
    }

    /** Each room's host as every member names it, asserting they agree. */
    private static Map<String, String> owners(List<String> rooms, List<ChildJvm> asked) throws InterruptedException {
        Map<String, String> owners = new HashMap<>();
        for (String r : rooms) {
            List<String> answers = new ArrayList<>();
            for (ChildJvm m : asked) {
                answers.add(m.ask("owner " + r));
            }
            assertThat(answers).as("hosts of %s named by %s", r, Arrays.toString(answers.toArray())).containsOnly(answers.get(0));
            owners.put(r, answers.get(0));
        }
        return owners;
    }
}
