package org.roomhub.hub.cluster.store;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.context.Flag;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.Address;

/**
 * Which members have re-offered their stored entries since they (re)started: a replicated, in-memory
 * cache of node id to the member's current Infinispan address. A room is opened only when every member
 * in view is ready, so a member restarted with the only copy of an entry has put it back first.
 */
final class StoreReadiness {

    static final String NAME = "roomhub-store-ready";

    private final EmbeddedCacheManager manager;
    private final Cache<String, String> ready;

    StoreReadiness(EmbeddedCacheManager manager) {
        this.manager = manager;
        ConfigurationBuilder b = new ConfigurationBuilder();
        b.clustering().cacheMode(CacheMode.REPL_SYNC);
        manager.defineConfiguration(NAME, b.build());
        this.ready = manager.getCache(NAME);
    }

    void markReady(String nodeId) {
        ready.put(nodeId, manager.getAddress().toString());
    }

    /** Waits until every member in view is ready; throws {@link FencedException} after {@code timeout}. */
    void await(Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!allReady()) {
            if (System.nanoTime() > until) {
                throw new FencedException("cluster storage: not every member has re-offered its data within " + timeout, null);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FencedException("interrupted waiting for the cluster storage", e);
            }
        }
    }

    private boolean allReady() {
        Set<String> addresses = new HashSet<>(ready.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).values());
        for (Address a : manager.getMembers()) {
            if (!addresses.contains(a.toString())) {
                return false;
            }
        }
        return true;
    }
}
