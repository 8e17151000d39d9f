package org.roomhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.testkit.WsClient;

/**
 * A split and an alarm across failover, on three {@link HookedHub} member JVMs (the real hub plus the
 * {@code probe} room type and a JGroups {@code DISCARD} switch): a member cut off from the others refuses
 * writes with a clear error while the majority goes on, and after healing nothing acknowledged is lost or
 * doubled; a room's alarm whose host is killed fires once, on the new host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSplitTest {

    private static final List<String> IDS = List.of("a", "b", "c");
    private static final Duration CHANGE = Duration.ofSeconds(90);

    private ThreeHubs hubs;
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        hubs = ThreeHubs.start(dir, HookedHub.class);
    }

    @AfterAll
    void stopCluster() throws Exception {
        clients.forEach(WsClient::close);
        if (hubs != null) {
            hubs.printWarnings();
            hubs.close();
        }
    }

    private static long alarmsIn(WsClient c) {
        return c.ofType("chat-message").stream().filter(f -> f.path("text").asText().equals("alarm fired")).count();
    }

    /** The member's {@code roomhub_alarms_fired} counter (Prometheus text). */
    private double alarmsFiredOn(String member) throws Exception {
        String body = hubs.raw(member, "/metrics").body();
        return body.lines().filter(l -> l.startsWith("roomhub_alarms_fired"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    @Order(1)
    void anAlarmWhoseHostIsKilledFiresOnceOnTheNewHost() throws Exception {
        String room = null;
        String host = null;
        for (int i = 0; room == null; i++) {
            host = hubs.hostOf("a", "probe/alarm-" + i);
            room = host.equals("a") ? null : "alarm-" + i; // the watcher on a stays connected
        }
        String victim = host;
        WsClient watcher = WsClient.connect(hubs.ws("a", "/rooms/probe/" + room));
        clients.add(watcher);
        watcher.sessionId();
        watcher.send(RoomTraffic.chat("alarm:6000"));
        watcher.send(RoomTraffic.chat("set")); // its echo leaves after the alarm's commit: the alarm is stored
        watcher.await("chat-message", f -> f.path("text").asText().equals("set"));
        hubs.member(victim).kill9();

        try {
            await().atMost(CHANGE).until(() -> alarmsIn(watcher) >= 1);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            for (String m : IDS) {
                if (!m.equals(victim)) {
                    System.out.println("alarm not seen: " + m + " fired " + alarmsFiredOn(m) + ", room there: "
                            + hubs.raw(m, "/api/rooms/probe/" + room).body());
                }
            }
            System.out.println("watcher frames: " + watcher.frames);
            throw e;
        }
        String newHost = hubs.hostOf("a", "probe/" + room);
        assertThat(newHost).isNotEqualTo(victim);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20)).until(() -> alarmsIn(watcher) == 1);
        assertThat(alarmsFiredOn(newHost)).as("fired on the new host").isEqualTo(1.0);
        String other = IDS.stream().filter(m -> !m.equals(victim) && !m.equals(newHost)).findFirst().orElseThrow();
        assertThat(alarmsFiredOn(other)).as("not on the other survivor").isZero();

        hubs.restart(victim);
        hubs.awaitUp(IDS);
        watcher.send(RoomTraffic.chat("after-restart"));
        await().atMost(CHANGE).until(() -> watcher.has("chat-message", f -> f.path("text").asText().equals("after-restart")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> alarmsIn(watcher) == 1);
        assertThat(alarmsFiredOn(victim)).as("the restarted member does not fire it again").isZero();
    }

    @Test
    @Order(2)
    void aMemberCutOffRefusesWritesWhileTheMajorityGoesOnAndAfterHealingNothingIsLostOrDoubled() throws Exception {
        String cut = "c";
        List<String> majority = List.of("a", "b");
        try (RoomTraffic traffic = new RoomTraffic(hubs, new Random(13), "split-", 12)) {
            traffic.learnPorts();
            for (String room : traffic.rooms) {
                for (String m : IDS) {
                    traffic.joinWs(room, m);
                }
            }
            traffic.writeEverywhere("pre", IDS);
            traffic.assertNothingMissed();

            hubs.member(cut).command("cut");
            for (String m : majority) {
                await().atMost(CHANGE).ignoreExceptions().until(() -> state(m, cut).equals("down"));
            }
            await().atMost(CHANGE).ignoreExceptions().until(() -> state(cut, "a").equals("down") && state(cut, "b").equals("down"));

            // The minority refuses every write with a clear error, whichever member hosted the room.
            List<WsClient> onCut = traffic.ws.values().stream().map(l -> l.get(2)).toList();
            for (int i = 0; i < onCut.size(); i++) {
                onCut.get(i).send(RoomTraffic.chat("minority-" + i));
            }
            for (WsClient c : onCut) {
                JsonNode error = await().atMost(CHANGE).until(() -> c.ofType("error").stream().findFirst().orElse(null),
                        e -> e != null);
                assertThat(error.path("code").asText()).isEqualTo("INTERNAL");
                assertThat(error.path("message").asText()).startsWith("no quorum");
            }
            WsClient newcomer = WsClient.connect(hubs.ws(cut, "/rooms/chat/split-new"));
            JsonNode refused = newcomer.await("error");
            assertThat(refused.path("message").asText()).startsWith("no quorum");
            assertThat(newcomer.closed.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1013);

            // The majority goes on.
            traffic.writeEverywhere("majority", majority);

            hubs.member(cut).command("heal");
            hubs.awaitUp(IDS);
            traffic.writeEverywhere("healed", IDS);
            traffic.assertNothingMissed();
            traffic.assertHistoryHasEverything(cut);
            traffic.ws.values().forEach(l -> l.forEach(c -> assertThat(RoomTraffic.texts(c.frames))
                    .as("a refused write was never applied").noneMatch(t -> t.startsWith("minority-"))));
        }
    }

    /** The state member {@code of} has in member {@code asked}'s {@code /api/cluster}. */
    private String state(String asked, String of) throws Exception {
        for (JsonNode m : hubs.get(asked, "/api/cluster").path("members")) {
            if (m.path("id").asText().equals(of)) {
                return m.path("state").asText();
            }
        }
        return "absent";
    }
}
