package org.roomhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicated, fenced room storage ({@code cluster.store}) with three members in child JVMs on loopback:
 * commits survive kill -9 of a room's owners one at a time, a stale writer is refused, a kill -9 of
 * the whole cluster loses nothing acknowledged, and a lone member refuses to commit.
 */
class ClusterStorageTest {

    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration CHANGE = Duration.ofSeconds(90);
    private static final List<String> IDS = List.of("a", "b", "c");
    private static final String ROOM = "chat/replicated";

    @TempDir
    Path data;

    private final Map<String, ChildJvm> members = new LinkedHashMap<>();
    private List<Integer> ports;
    private int acked;

    @AfterEach
    void killAll() throws InterruptedException {
        for (ChildJvm m : members.values()) {
            m.kill9();
        }
    }

    @Test
    void acknowledgedCommitsSurviveKillingTheRoomsOwnersOneAtATimeAStaleWriterIsRefusedAndAFullClusterKillLosesNothing() throws Exception {
        ports = LoopbackPorts.pick(3);
        startAll(IDS);

        ChildJvm writer = members.get("a");
        commit(writer, 20);

        // Kill each of the room's two original owners in turn, never both before state transfer.
        List<String> original = owners();
        for (String victim : original) {
            members.remove(victim).kill9();
            awaitOwnersAmong(members.keySet());
            ChildJvm survivor = members.values().iterator().next();
            // The writer may have been the victim: the room reopens on a survivor with every acknowledged commit.
            assertThat(survivor.ask("reopen " + ROOM, CHANGE)).isEqualTo(expected());
            writer = survivor;
            commit(writer, 10);
            startAll(List.of(victim)); // back with its old files: three members again before the next kill
            awaitOwnersAmong(members.keySet());
        }

        // A stale writer: another member opens the room (claims the next log entry); the old host's commit fails.
        ChildJvm stale = lastWriter;
        ChildJvm fresh = members.entrySet().stream().filter(e -> e.getValue() != stale).findFirst().orElseThrow().getValue();
        assertThat(fresh.ask("reopen " + ROOM, CHANGE)).isEqualTo(expected());
        assertThat(stale.ask("commit " + ROOM + " " + acked, CHANGE)).startsWith("error FencedException");
        commit(fresh, 5);

        // Kill -9 the whole cluster and start it again from the same folders: everything acknowledged is there.
        for (ChildJvm m : members.values()) {
            m.kill9();
        }
        members.clear();
        startAll(IDS);
        for (String id : IDS) {
            assertThat(members.get(id).ask("reopen " + ROOM, CHANGE)).as("room on " + id).isEqualTo(expected());
        }

        // Alone, a member refuses commits: nothing is acknowledged without a second, durable copy.
        ChildJvm a = members.get("a");
        assertThat(a.ask("commit chat/alone 0", CHANGE)).isEqualTo("ok");
        members.remove("b").kill9();
        members.remove("c").kill9();
        assertThat(a.ask("commit chat/alone 1", CHANGE)).startsWith("error FencedException");
    }

    /** The member whose store wrote last (it holds the room open). */
    private ChildJvm lastWriter;

    private void startAll(List<String> ids) throws Exception {
        String all = LoopbackPorts.members(ports);
        List<ChildJvm> started = new ArrayList<>();
        for (String id : ids) {
            int i = IDS.indexOf(id);
            ChildJvm m = ChildJvm.start(id, StoreMember.class, List.of("store-test", "127.0.0.1:" + ports.get(i), all, id,
                    data.resolve(id).toString()));
            members.put(id, m);
            started.add(m);
        }
        for (ChildJvm m : started) {
            assertThat(m.answer(START)).isEqualTo("ready");
        }
    }

    private void commit(ChildJvm writer, int count) throws InterruptedException {
        lastWriter = writer;
        for (int i = 0; i < count; i++) {
            assertThat(writer.ask("commit " + ROOM + " " + acked, CHANGE)).isEqualTo("ok");
            acked++;
        }
    }

    private String expected() {
        return "keys=" + acked + " last=" + (acked - 1) + " consistent=true";
    }

    private List<String> owners() throws InterruptedException {
        String answer = members.values().iterator().next().ask("owners " + ROOM, CHANGE);
        return List.of(answer.split(" ")[0].split(","));
    }

    /** Waits until the room's owners are two live members and no rebalance runs (state transfer done). */
    private void awaitOwnersAmong(java.util.Set<String> alive) {
        ChildJvm asker = members.values().iterator().next();
        await().atMost(CHANGE).pollInterval(Duration.ofMillis(500)).until(() -> asker.ask("owners " + ROOM, CHANGE), a -> {
            String[] parts = a.split(" ");
            List<String> names = List.of(parts[0].split(","));
            return parts.length == 2 && parts[1].equals("stable") && names.size() == 2 && alive.containsAll(names);
        });
    }
}
