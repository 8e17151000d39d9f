package org.roomhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Step 1 of issue 13: the engine works here. Three bare Infinispan members in child JVMs on loopback
 * (JGroups TCP, TCPPING, no multicast) form one cluster, see each other's synchronous writes, and the
 * member left alone after the other two are killed refuses reads and writes (DENY_READ_WRITES).
 * Prints join time and the cost of a sync write for docs/cluster.md (figures, not assertions).
 */
class InfinispanSpikeTest {

    private final List<ChildJvm> members = new ArrayList<>();

    @AfterEach
    void stopAll() throws InterruptedException {
        for (ChildJvm m : members) {
            m.kill9();
        }
    }

    @Test
    void threeMembersFormOneClusterShareSyncWritesAndALoneSurvivorRefusesWrites() throws Exception {
        List<Integer> ports = LoopbackPorts.pick(3);
        String all = LoopbackPorts.members(ports);
        for (int i = 0; i < 3; i++) {
            members.add(ChildJvm.start("n" + i, SpikeMember.class,
                    List.of("spike", "127.0.0.1:" + ports.get(i), all, "n" + i)));
        }
        List<String> ready = new ArrayList<>();
        for (ChildJvm m : members) {
            ready.add(m.answer(Duration.ofSeconds(90)));
        }
        for (ChildJvm m : members) {
            await().atMost(Duration.ofSeconds(30)).until(() -> m.ask("members").startsWith("3 "));
        }

        assertThat(members.get(0).ask("put room-a hello")).isEqualTo("ok");
        assertThat(members.get(1).ask("get room-a")).isEqualTo("hello");
        assertThat(members.get(2).ask("get room-a")).isEqualTo("hello");

        members.get(0).ask("bench 200", Duration.ofSeconds(60)); // warm-up
        String micros = members.get(0).ask("bench 1000", Duration.ofSeconds(60));
        System.out.println("[cluster spike] ready " + ready + "; sync put (numOwners=2) mean " + micros + " µs");

        members.get(1).kill9();
        members.get(2).kill9();
        await().atMost(Duration.ofSeconds(30)).until(() -> members.get(0).ask("members").startsWith("1 "));
        await().atMost(Duration.ofSeconds(30)).until(() -> members.get(0).ask("mode").equals("DEGRADED_MODE"));
        assertThat(members.get(0).ask("put room-b lost")).startsWith("error AvailabilityException");
    }
}
