package org.roomhub.hub.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark (not a test): mean latency of one small commit through {@code ClusterRoomStore} (three members
 * in child JVMs on loopback) against the local engine's commit in the same child JVM, one after another as
 * a room behind its output gate does. Two rooms: one whose primary owner is the writing member, one whose
 * two owners are the other members. Run:
 * <pre>
 * mvn -B -o -pl hub -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.roomhub.hub.cluster.ClusterStoreBenchmark [-Dexec.args="COMMITS"]
 * </pre>
 */
public final class ClusterStoreBenchmark {

    private ClusterStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path data = Files.createTempDirectory("cluster-bench");
        List<Integer> ports = LoopbackPorts.pick(3);
        List<ChildJvm> members = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                String id = String.valueOf((char) ('a' + i));
                members.add(ChildJvm.start(id, StoreMember.class, List.of("bench", "127.0.0.1:" + ports.get(i),
                        LoopbackPorts.members(ports), id, data.resolve(id).toString())));
            }
            for (ChildJvm m : members) {
                m.answer(Duration.ofMinutes(4));
            }
            ChildJvm a = members.get(0);
            String primaryHere = null;
            String remoteOnly = null;
            for (int r = 0; (primaryHere == null || remoteOnly == null) && r < 200; r++) {
                String room = "chat/bench-" + r;
                String owners = a.ask("owners " + room, Duration.ofMinutes(1)).split(" ")[0];
                if (primaryHere == null && owners.startsWith("a,")) {
                    primaryHere = room;
                } else if (remoteOnly == null && !owners.contains("a")) {
                    remoteOnly = room;
                }
            }
            System.out.printf("machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.println("primary owner is the writer (" + primaryHere + "): "
                    + a.ask("bench " + primaryHere + " " + commits, Duration.ofMinutes(10)));
            System.out.println("both owners remote (" + remoteOnly + "): "
                    + a.ask("bench " + remoteOnly + " " + commits, Duration.ofMinutes(10)));
        } finally {
            for (ChildJvm m : members) {
                m.kill9();
            }
        }
    }
}
