package org.roomhub.hub.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports for cluster members: each port and its failure-detection port (+100) are free. */
public final class LoopbackPorts {

    private LoopbackPorts() {}

    public static List<Integer> pick(int count) throws IOException {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            int p;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                p = s.getLocalPort();
            }
            if (p + JGroupsStack.FAILURE_DETECTION_PORT_OFFSET < 65000 && free(p + JGroupsStack.FAILURE_DETECTION_PORT_OFFSET)
                    && ports.stream().noneMatch(q -> Math.abs(q - p) <= JGroupsStack.FAILURE_DETECTION_PORT_OFFSET + 1)) {
                ports.add(p);
            }
        }
        return ports;
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
