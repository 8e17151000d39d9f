package org.roomhub.hub.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.roomhub.hub.cluster.store.ClusterStorage;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.Storage;
import org.roomhub.hub.storage.WriteSet;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A {@link ClusterNode} with its {@link ClusterStorage} (no hub) in a child JVM, driven line by line.
 * Args: cluster name, bind HOST:PORT, members, node id, data folder. Answers {@code commit R I} (puts
 * {@code k<I>} and {@code last} in one WriteSet, waits for it: {@code ok} or {@code error …}),
 * {@code reopen R} (drops the member's copy, opens R afresh and summarises it), {@code owners R},
 * {@code bench R N} (mean commit time, cluster vs the local engine) and {@code quit}.
 */
public final class StoreMember {

    public static void main(String[] args) throws Exception {
        ClusterNode node = ClusterNode.start(new ClusterSettings(args[0], ClusterSettings.HostPort.parse(args[1]),
                ClusterSettings.HostPort.parseList(args[2]), args[3]), "http://" + args[3] + ".test:7070", ClusterEvents.NONE);
        ClusterStorage storage = new ClusterStorage(Path.of(args[4]), 8);
        storage.attach(node);
        System.out.println("> ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] c = line.strip().split(" ");
            try {
                String answer = switch (c[0]) {
                    case "commit" -> {
                        WriteSet w = new WriteSet();
                        w.put("k" + c[2], ("v" + c[2]).getBytes(StandardCharsets.UTF_8));
                        w.put("last", c[2].getBytes(StandardCharsets.UTF_8));
                        storage.room(RoomAddress.parse(c[1])).commit(w).get(30, TimeUnit.SECONDS);
                        yield "ok";
                    }
                    case "reopen" -> {
                        storage.forget(RoomAddress.parse(c[1]));
                        yield summary(storage.prepare(RoomAddress.parse(c[1])).get(90, TimeUnit.SECONDS));
                    }
                    case "owners" -> {
                        ClusterStorage.Owners o = storage.owners(c[1]);
                        yield String.join(",", o.names()) + (o.rebalancing() ? " rebalancing" : " stable");
                    }
                    case "bench" -> bench(storage.room(RoomAddress.parse(c[1])), Integer.parseInt(c[2]));
                    case "quit" -> {
                        node.close();
                        storage.close();
                        System.out.println("> bye");
                        System.exit(0);
                        yield "";
                    }
                    default -> "unknown " + c[0];
                };
                System.out.println("> " + answer);
            } catch (Exception e) {
                Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                System.out.println("> error " + t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).replace('\n', ' '));
                t.printStackTrace(System.out); // kept in the child's output for failure messages
            }
        }
    }

    /** {@code keys=N last=L consistent=true}: N keys k0…, every one with its own value, L the last committed. */
    private static String summary(RoomStore room) {
        Map<String, byte[]> all = room.list(org.roomhub.hub.storage.ListOptions.withPrefix("k"));
        boolean consistent = true;
        for (int i = 0; i < all.size(); i++) {
            byte[] v = all.get("k" + i);
            consistent &= v != null && new String(v, StandardCharsets.UTF_8).equals("v" + i);
        }
        String last = room.get("last").map(b -> new String(b, StandardCharsets.UTF_8)).orElse("-");
        return "keys=" + all.size() + " last=" + last + " consistent=" + consistent;
    }

    /** Mean ms per commit of one small WriteSet, one after another: this room in the cluster, then the local engine. */
    private static String bench(RoomStore cluster, int n) throws Exception {
        Path dir = Files.createTempDirectory("bench-local");
        try (Storage local = Storage.open(dir)) {
            RoomStore engine = local.forRoom("chat/bench");
            double clusterMs = time(cluster, n);
            double localMs = time(engine, n);
            return String.format(java.util.Locale.ROOT, "cluster=%.3fms local=%.3fms ratio=%.1f", clusterMs, localMs, clusterMs / localMs);
        }
    }

    private static double time(RoomStore store, int n) throws Exception {
        for (int i = 0; i < n / 5; i++) { // warm-up
            commitOne(store, "w" + i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            commitOne(store, "b" + i);
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }

    private static void commitOne(RoomStore store, String key) throws Exception {
        WriteSet w = new WriteSet();
        w.put(key, new byte[64]);
        w.put("seq", key.getBytes(StandardCharsets.UTF_8));
        store.commit(w).get(30, TimeUnit.SECONDS);
    }
}
