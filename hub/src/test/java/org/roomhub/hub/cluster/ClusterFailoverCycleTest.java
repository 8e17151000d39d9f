package org.roomhub.hub.cluster;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short, always-on part of {@link ClusterChaosTest}: one seeded kill -9/restart cycle over 12 rooms with
 * WebSocket, SSE and polling clients on all three members (the pollers write after the restart: a post
 * answered 202 was once lost there, sent to the restarted member before the session was open on it). The
 * full restart is {@code ClusterStorageTest}'s; many cycles over 50 rooms stay in {@link ClusterChaosTest}. In the
 * default run since it passed three runs in a row (branch chaos, 75–230 s at load 15–40).
 */
class ClusterFailoverCycleTest {

    @Test
    void killingAMemberAndStartingItAgainLosesNoAcknowledgedWriteForAnyKindOfClient(@TempDir Path dir) throws Exception {
        ClusterChaosTest.run(dir, 1, 12, false);
    }
}
