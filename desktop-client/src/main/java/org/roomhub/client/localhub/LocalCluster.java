package org.roomhub.client.localhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Three hubs on loopback as one cluster, each in a child JVM with its own temporary data folder, as
 * docs/cluster.md "Run three members by hand" does: {@code --cluster NAME --cluster-bind 127.0.0.1:P
 * --cluster-members P1,P2,P3 --node-id a|b|c}. Each member also needs its cluster port + 100 (failure
 * detection), so ports are picked with both free. Members can be stopped, killed and started again on the
 * same ports and data.
 */
public final class LocalCluster implements AutoCloseable {

    /** Infinispan's start is slow on a busy machine. */
    public static final int START_SECONDS = 240;

    private final String name = "lab-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffff);
    private final List<String> ids;
    private final Map<String, Integer> clusterPorts = new ConcurrentHashMap<>();
    private final Map<String, Integer> httpPorts = new ConcurrentHashMap<>();
    private final Map<String, Path> data = new ConcurrentHashMap<>();
    private final Map<String, ChildHub> running = new ConcurrentHashMap<>();
    private final Path root;
    private volatile boolean closed;

    /** Picks ports and folders for members {@code ids}; nothing starts yet. */
    public LocalCluster(List<String> ids) throws IOException {
        this.ids = List.copyOf(ids);
        this.root = Files.createTempDirectory("roomhub-lab-cluster");
        List<Integer> taken = new ArrayList<>();
        for (String id : ids) {
            int port = freePair(taken);
            taken.add(port);
            clusterPorts.put(id, port);
            data.put(id, Files.createDirectories(root.resolve(id)));
        }
    }

    /** Starts every member at once (they find each other) and waits until each listens; throws if one does not. */
    public void startAll() throws IOException {
        List<CompletableFuture<Void>> starts = ids.stream().map(id -> CompletableFuture.runAsync(() -> {
            try {
                start(id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })).toList();
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            throw new IOException("a cluster member did not start: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    /** Starts member {@code id} (again), on its previous HTTP port if it had one. */
    public ChildHub start(String id) throws IOException {
        String members = String.join(",", ids.stream().map(m -> "127.0.0.1:" + clusterPorts.get(m)).toList());
        ChildHub hub = ChildHub.start(data.get(id), httpPorts.getOrDefault(id, 0), List.of("--cluster", name,
                "--cluster-bind", "127.0.0.1:" + clusterPorts.get(id), "--cluster-members", members, "--node-id", id), START_SECONDS);
        httpPorts.put(id, hub.port());
        if (closed) {
            hub.kill9(); // closed while it started: nobody would stop it, and close() may have removed the folders already
            Folders.deleteQuietly(root);
            throw new IOException("the cluster was closed while member " + id + " started");
        }
        running.put(id, hub);
        return hub;
    }

    /** Stops member {@code id}: SIGTERM (it withdraws from the cluster) or, with {@code kill}, SIGKILL. */
    public void stop(String id, boolean kill) {
        ChildHub hub = running.remove(id);
        if (hub != null) {
            if (kill) {
                hub.kill9();
            } else {
                hub.stopGracefully(20);
            }
        }
    }

    /** The members' ids. */
    public List<String> ids() {
        return ids;
    }

    /** Member {@code id}'s URL, or null when it never started. */
    public String url(String id) {
        Integer port = httpPorts.get(id);
        return port == null ? null : "http://127.0.0.1:" + port;
    }

    /** Whether member {@code id} runs now. */
    public boolean running(String id) {
        ChildHub hub = running.get(id);
        return hub != null && hub.alive();
    }

    /** The cluster's name. */
    public String name() {
        return name;
    }

    /** Stops every member (SIGTERM, SIGKILL after 30 s), waits until each has exited, then removes their data. */
    @Override
    public void close() {
        closed = true;
        // stop() takes a member out of `running` before it has exited: wait on the stops themselves, or the
        // folders would be deleted while members still write into them.
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (String id : List.copyOf(running.keySet())) {
            ChildHub hub = running.remove(id);
            if (hub != null) {
                stops.add(CompletableFuture.runAsync(() -> hub.stopGracefully(30))); // then -9, and waits for the exit
            }
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(70, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a member that would not stop is killed by the reaper at exit; its folder is removed below as far as it can be
        }
        Folders.deleteQuietly(root);
    }

    /** A port P in 20000–29899 with P and P+100 free now, not in {@code taken} (nor their +100). */
    private static int freePair(List<Integer> taken) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = 20_000 + ThreadLocalRandom.current().nextInt(9_900);
            boolean clash = taken.stream().anyMatch(t -> Math.abs(t - p) < 2 || Math.abs(t + 100 - p) < 2 || Math.abs(t - 100 - p) < 2);
            if (!clash && free(p) && free(p + 100)) {
                return p;
            }
        }
        throw new IOException("no free pair of loopback ports for a cluster member");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
