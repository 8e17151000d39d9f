package org.roomhub.hub.cluster.store;

import java.nio.file.Path;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.cache.CustomStoreConfigurationBuilder;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.PartitionHandling;

/**
 * The {@code roomhub-rooms} cache: distributed, synchronous, two owners per key, a room's keys grouped
 * on the same owners, writes refused on a minority, copies that differ after a merge resolved by
 * {@link LogMergePolicy}, and each owner writing through to its own {@link EngineStore} (not shared,
 * not preloaded: a miss loads from the owner's engine).
 */
final class RoomsCache {

    static final String NAME = "roomhub-rooms";

    private RoomsCache() {}

    static void define(EmbeddedCacheManager manager, Path dir) {
        ConfigurationBuilder b = new ConfigurationBuilder();
        b.clustering().cacheMode(CacheMode.DIST_SYNC)
                .hash().numOwners(2).groups().enabled().addGrouper(new RoomLog.ByRoom())
                .partitionHandling().whenSplit(PartitionHandling.DENY_READ_WRITES).mergePolicy(new LogMergePolicy());
        b.persistence().passivation(false)
                .addStore(CustomStoreConfigurationBuilder.class).customStoreClass(EngineStore.class)
                .segmented(true).shared(false).preload(false).purgeOnStartup(false)
                .addProperty(EngineStore.LOCATION, dir.toString());
        manager.defineConfiguration(NAME, b.build());
    }
}
