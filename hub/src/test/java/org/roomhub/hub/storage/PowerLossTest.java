package org.roomhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power-loss proof on the simulated disk (see {@link PowerLossExplorer}): thousands of crash states, each
 * must open with every acknowledged write, no partial transaction, and keep working. Bounded for every
 * build (3 seeds × 700 states); {@code -Dstorage.powerloss.states=N} (per seed) and
 * {@code -Dstorage.powerloss.seeds=a,b,c} make the long run whose figures are in docs/storage.md.
 * Crash images live in {@code /dev/shm} when there is one (they are many and short-lived).
 */
class PowerLossTest {

    @TempDir
    Path tempDir;

    @Test
    void every_acknowledged_write_survives_power_cuts_at_every_nth_and_random_file_operations() throws Exception {
        int states = Integer.getInteger("storage.powerloss.states", 700);
        long[] seeds = Arrays.stream(System.getProperty("storage.powerloss.seeds", "1,2,3").split(","))
                .mapToLong(Long::parseLong).toArray();
        Path shm = Path.of("/dev/shm");
        Path root = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "roomhub-powerloss-") : tempDir;
        long started = System.nanoTime();
        int total = 0;
        try {
            for (long seed : seeds) {
                PowerLossExplorer explorer = new PowerLossExplorer(root.resolve("seed-" + seed), seed, 3, 40, 2, states);
                PowerLossExplorer.Summary s = explorer.run(3);
                System.out.println("POWER-LOSS SUMMARY " + s);
                assertThat(s.failures).as("crash states that failed, seed %d", seed).isEmpty();
                assertThat(s.failureCount()).isZero();
                assertThat(s.acknowledgedTransactions).isPositive();
                assertThat(s.recoveryCrashStates).isPositive();
                total += s.crashStates;
            }
        } finally {
            PowerLossExplorer.deleteTree(root);
        }
        System.out.println("POWER-LOSS TOTAL states=" + total + " seeds=" + Arrays.toString(seeds) + " seconds="
                + (System.nanoTime() - started) / 1_000_000_000);
        assertThat(total).isEqualTo(states * seeds.length);
    }
}
