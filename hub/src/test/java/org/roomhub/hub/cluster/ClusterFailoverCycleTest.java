package org.roomhub.hub.cluster;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's failover story in every build, bounded: clients on all three members chat in 50 rooms (a
 * WebSocket client per room on each member, SSE and polling clients in three rooms); two seeded kill -9/restart
 * cycles (every room writable again, nothing acknowledged missing, no seq naming two frames, epochs only
 * growing, survivors' sockets kept, the dead member's clients resumed; the pollers write after each restart);
 * then all three killed and restarted with every acknowledged write in each room's history. The long form
 * (more cycles, {@code -Dcluster.chaos.cycles=N}) is {@link ClusterChaosTest}, tagged {@code chaos}.
 */
class ClusterFailoverCycleTest {

    @Test
    void twoKillAndRestartCyclesAndAFullRestartLoseNoAcknowledgedWriteForAnyKindOfClient(@TempDir Path dir) throws Exception {
        ClusterChaosTest.run(dir, 2, ClusterChaosTest.ROOMS, true);
    }
}
