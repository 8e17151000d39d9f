package org.roomhub.hub.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;

/**
 * Step 1 spike (issue 13): one bare Infinispan member in a child JVM, no hub. Args: cluster name,
 * bind HOST:PORT, members, node id. Prints {@code > ready <ms to a started cache>}, then answers
 * {@code members}, {@code put K V}, {@code get K}, {@code bench N} (N sync puts, mean µs each),
 * {@code mode} (availability), {@code quit}.
 */
public final class SpikeMember {

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        ClusterSettings s = new ClusterSettings(args[0], ClusterSettings.HostPort.parse(args[1]),
                ClusterSettings.HostPort.parseList(args[2]), args[3]);
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder();
        global.transport().defaultTransport().clusterName(s.name()).nodeName(s.nodeId())
                .addProperty(JGroupsTransport.CONFIGURATION_STRING, JGroupsStack.xml(s));
        DefaultCacheManager manager = new DefaultCacheManager(global.build());
        ConfigurationBuilder dist = new ConfigurationBuilder();
        dist.clustering().cacheMode(CacheMode.DIST_SYNC).hash().numOwners(2)
                .partitionHandling().whenSplit(PartitionHandling.DENY_READ_WRITES);
        manager.defineConfiguration("spike", dist.build());
        Cache<String, String> cache = manager.getCache("spike");
        System.out.println("> ready " + (System.nanoTime() - t0) / 1_000_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] c = line.strip().split(" ");
            try {
                switch (c[0]) {
                    case "members" -> System.out.println("> " + manager.getMembers().size() + " " + manager.getMembers());
                    case "put" -> {
                        cache.put(c[1], c[2]);
                        System.out.println("> ok");
                    }
                    case "get" -> System.out.println("> " + cache.get(c[1]));
                    case "bench" -> {
                        int n = Integer.parseInt(c[1]);
                        long b0 = System.nanoTime();
                        for (int i = 0; i < n; i++) {
                            cache.put("bench-" + s.nodeId() + "-" + i, "v" + i);
                        }
                        System.out.println("> " + (System.nanoTime() - b0) / 1000 / n);
                    }
                    case "mode" -> System.out.println("> " + cache.getAdvancedCache().getAvailability());
                    case "quit" -> {
                        manager.stop();
                        System.out.println("> bye");
                        System.exit(0);
                    }
                    default -> System.out.println("> unknown " + c[0]);
                }
            } catch (RuntimeException e) {
                System.out.println("> error " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
