package org.roomhub.hub.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A {@link ClusterNode} alone (no hub) in a child JVM, driven line by line. Args: cluster name, bind
 * HOST:PORT, members, node id, URL. Answers {@code view}, {@code owner R}, {@code activate R},
 * {@code check R EPOCH}, {@code events} (all events so far, {@code ;}-separated) and {@code quit}.
 */
public final class NodeMember {

    public static void main(String[] args) throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        ClusterEvents record = new ClusterEvents() {
            @Override
            public void nodeUp(String node, String url) {
                events.add("node-up " + node + " " + url);
            }

            @Override
            public void nodeDown(String node) {
                events.add("node-down " + node);
            }

            @Override
            public void roomMoved(String room, String from, String to, String reason) {
                events.add("room-moved " + room + " " + from + " " + to + " " + reason);
            }

            @Override
            public void fenced(String room, long mine, long current) {
                events.add("fenced " + room + " " + mine + " " + current);
            }
        };
        ClusterNode node = ClusterNode.start(new ClusterSettings(args[0], ClusterSettings.HostPort.parse(args[1]),
                ClusterSettings.HostPort.parseList(args[2]), args[3]), args[4], record);
        node.onMessage((from, bytes) -> events.add("message " + from + " " + new String(bytes, StandardCharsets.UTF_8)));
        System.out.println("> ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] c = line.strip().split(" ");
            try {
                String answer = switch (c[0]) {
                    case "view" -> node.view().members().stream()
                            .map(m -> m.id() + ":" + m.state() + ":" + m.rooms() + ":" + m.url())
                            .collect(Collectors.joining(","));
                    case "owner" -> node.owner(c[1]);
                    case "activate" -> String.valueOf(node.activate(c[1]));
                    case "check" -> node.check(c[1], Long.parseLong(c[2])).name();
                    case "send" -> String.valueOf(node.send(c[1], c[2].getBytes(StandardCharsets.UTF_8)));
                    case "events" -> String.join(";", events);
                    case "quit" -> {
                        node.close();
                        System.out.println("> bye");
                        System.exit(0);
                        yield "";
                    }
                    default -> "unknown " + c[0];
                };
                System.out.println("> " + answer);
            } catch (RuntimeException e) {
                System.out.println("> error " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
