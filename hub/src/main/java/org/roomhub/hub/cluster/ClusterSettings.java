package org.roomhub.hub.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a hub joins a cluster: {@code --cluster NAME --cluster-bind HOST:PORT --cluster-members HOST:PORT,…
 * [--node-id ID]}. Members are found by static discovery (JGroups TCPPING), never by multicast.
 *
 * @param name cluster name; only members started with the same name form one cluster
 * @param bind where this member's JGroups TCP transport listens
 * @param members every member's JGroups address (may include {@code bind})
 * @param nodeId this member's id, unique in the cluster; defaults to {@code HOST:PORT} of {@code bind}
 */
public record ClusterSettings(String name, HostPort bind, List<HostPort> members, String nodeId) {

    public ClusterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        if (name.isBlank()) {
            throw new IllegalArgumentException("--cluster needs a non-empty name");
        }
        List<HostPort> all = new ArrayList<>(members);
        if (!all.contains(bind)) {
            all.add(0, bind);
        }
        members = List.copyOf(all);
        nodeId = nodeId == null || nodeId.isBlank() ? bind.toString() : nodeId;
    }

    /** A {@code HOST:PORT} pair; ports 1–65535. */
    public record HostPort(String host, int port) {

        public HostPort {
            if (host == null || host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("expected HOST:PORT with a port 1-65535, got " + host + ":" + port);
            }
        }

        /** Parses {@code HOST:PORT}; a clear {@link IllegalArgumentException} otherwise. */
        public static HostPort parse(String text) {
            String t = text == null ? "" : text.strip();
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1) {
                throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
            }
            try {
                return new HostPort(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected HOST:PORT with a numeric port, got '" + text + "'");
            }
        }

        /** Parses a comma-separated list of {@code HOST:PORT}. */
        public static List<HostPort> parseList(String text) {
            List<HostPort> out = new ArrayList<>();
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(parse(part));
                }
            }
            return List.copyOf(out);
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
