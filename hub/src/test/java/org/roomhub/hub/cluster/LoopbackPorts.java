package org.roomhub.hub.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for cluster members: each port and its failure-detection port (+100) are free.
 * They lie below the kernel's ephemeral range: a member killed and started again binds the same port,
 * and a port from that range may meanwhile have become the local end of any outgoing socket (the
 * tests' hundreds of clients among them) — the restarted member then fails with "failed to find an
 * available port".
 */
public final class LoopbackPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private LoopbackPorts() {}

    public static List<Integer> pick(int count) throws IOException {
        int offset = JGroupsStack.FAILURE_DETECTION_PORT_OFFSET;
        int ephemeralLow = ephemeralLow();
        int high = ephemeralLow > 14_000 ? ephemeralLow - offset - 1 : 29_900; // a range from 1024 up: the desktop's 20,000–29,900
        int low = high - 12_000;
        List<Integer> ports = new ArrayList<>();
        for (int tries = 0; ports.size() < count; tries++) {
            if (tries > 10_000) {
                throw new IOException("no free loopback port pair below the ephemeral range, in " + low + "–" + high);
            }
            int p = ThreadLocalRandom.current().nextInt(low, high);
            if (free(p) && free(p + offset) && ports.stream().noneMatch(q -> Math.abs(q - p) <= offset + 1)) {
                ports.add(p);
            }
        }
        return ports;
    }

    /** The first port of the ephemeral range (Linux's default 32768 when it cannot be read). */
    private static int ephemeralLow() {
        // One line read: Files.readString trusts the size procfs reports and returns a single character.
        try (BufferedReader r = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            return Integer.parseInt(r.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code 127.0.0.1:p1,127.0.0.1:p2,…} */
    public static String members(List<Integer> ports) {
        return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    }
}
