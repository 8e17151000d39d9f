package org.roomhub.hub.cluster;

import java.nio.file.Path;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.cache.CustomStoreConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.roomhub.hub.cluster.store.EngineStore;

/** A local (not clustered) Infinispan cache writing through to an {@link EngineStore} in {@code dir}: the adapter alone. */
final class LocalStoreCache implements AutoCloseable {

    final DefaultCacheManager manager;
    final Cache<String, Object> cache;

    LocalStoreCache(Path dir) {
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder().nonClusteredDefault();
        global.jmx().disable();
        manager = new DefaultCacheManager(global.build());
        ConfigurationBuilder b = new ConfigurationBuilder();
        b.persistence().passivation(false).addStore(CustomStoreConfigurationBuilder.class).customStoreClass(EngineStore.class)
                .segmented(true).shared(false).preload(false).addProperty(EngineStore.LOCATION, dir.toString());
        manager.defineConfiguration("rooms", b.build());
        cache = manager.getCache("rooms");
    }

    @Override
    public void close() {
        manager.stop();
    }
}
