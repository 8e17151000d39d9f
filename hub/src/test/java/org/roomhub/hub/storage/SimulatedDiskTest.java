package org.roomhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated disk keeps exactly what was synced and makes every other change a coin toss. */
class SimulatedDiskTest {

    @TempDir
    Path tmp;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void a_forced_file_whose_folder_was_not_synced_survives_some_crashes_and_vanishes_in_others() throws Exception {
        Path live = tmp.resolve("live");
        SimulatedDisk disk = new SimulatedDisk(live);
        try (FileLayer.Handle h = disk.open(live.resolve("a"), FileLayer.Mode.CREATE_NEW)) {
            h.write(ByteBuffer.wrap(bytes(1000, 1)));
            h.force(true);
        }
        SimulatedDisk.Image before = disk.snapshot();
        disk.syncDir(live);
        SimulatedDisk.Image after = disk.snapshot();
        Set<Boolean> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Path b = tmp.resolve("b" + i);
            before.materialize(i, b);
            seen.add(Files.exists(b.resolve("a")));
            Path c = tmp.resolve("c" + i);
            after.materialize(i, c);
            assertThat(Files.readAllBytes(c.resolve("a"))).isEqualTo(bytes(1000, 1));
        }
        assertThat(seen).containsExactlyInAnyOrder(true, false);
    }

    @Test
    void an_unforced_write_is_kept_lost_or_torn_only_at_512_byte_boundaries() throws Exception {
        Path live = tmp.resolve("live");
        SimulatedDisk disk = new SimulatedDisk(live);
        byte[] first = bytes(700, 2);
        byte[] second = bytes(2000, 3);
        try (FileLayer.Handle h = disk.open(live.resolve("f"), FileLayer.Mode.CREATE_NEW)) {
            h.write(ByteBuffer.wrap(first));
            h.force(false);
            h.write(ByteBuffer.wrap(second));
        }
        disk.syncDir(live);
        SimulatedDisk.Image image = disk.snapshot();
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            Path out = tmp.resolve("s" + i);
            image.materialize(i, out);
            byte[] got = Files.readAllBytes(out.resolve("f"));
            lengths.add(got.length);
            assertThat(Arrays.copyOf(got, 700)).as("the forced part").isEqualTo(first);
            // Every 512-byte sector of the unforced write is all new bytes or all zeros (never half).
            for (int pos = 700; pos < got.length; ) {
                int next = Math.min(got.length, (pos / 512 + 1) * 512);
                byte[] piece = Arrays.copyOfRange(got, pos, next);
                boolean isNew = Arrays.equals(piece, Arrays.copyOfRange(second, pos - 700, next - 700));
                boolean isZero = Arrays.equals(piece, new byte[piece.length]);
                assertThat(isNew || isZero).as("sector at %d of state %d", pos, i).isTrue();
                pos = next;
            }
        }
        assertThat(lengths).contains(700, 2700);
    }
}
