package org.roomhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash proof: child JVMs write and acknowledge, get killed with SIGKILL at random moments or halt at
 * planned crash points, and every restart must open, hold every acknowledged write and no partial
 * transaction. Runs {@code -Dstorage.crash.runs} times (default 20; the big run uses 1000).
 */
class CrashKillTest {

    @TempDir
    Path dir;

    @Test
    void acknowledged_writes_survive_kill_9_and_no_partial_transaction_is_ever_visible() throws Exception {
        int runs = Integer.getInteger("storage.crash.runs", 20);
        long seed = Long.getLong("storage.crash.seed", System.nanoTime());
        Path store = dir.resolve("store");
        Path stderr = Files.createFile(dir.resolve("child-stderr.log"));
        CrashHarness harness = new CrashHarness(store, stderr, seed);
        harness.run(runs);
        // A final in-process open must also see everything acknowledged.
        try (Storage storage = Storage.open(store, CrashChild.options())) {
            for (int r = 0; r < 4; r++) {
                String state = CrashChild.check(storage.forRoom(CrashChild.room(r)), r);
                assertThat(state).doesNotStartWith("BAD");
                assertThat(Long.parseLong(state)).isGreaterThanOrEqualTo(harness.acknowledged(r));
            }
        }
        System.out.println("CRASH SUMMARY seed=" + seed + " " + harness.summary);
        assertThat(harness.summary.problems).as("problems; child stderr:\n%s", tail(stderr)).isEmpty();
        assertThat(harness.summary.corruptStarts).isZero();
        assertThat(harness.summary.lostAcknowledged).isZero();
        assertThat(harness.summary.partialTransactions).isZero();
        assertThat(harness.summary.acknowledgedTransactions).isPositive();
    }

    private static String tail(Path file) throws java.io.IOException {
        String s = Files.readString(file);
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }
}
