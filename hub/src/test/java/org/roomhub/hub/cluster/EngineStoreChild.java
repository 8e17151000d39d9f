package org.roomhub.hub.cluster;

import java.nio.file.Path;

/** Child JVM: writes {@code k0, k1, …} through a {@link LocalStoreCache} and prints {@code > acked I} after each put returns. */
public final class EngineStoreChild {

    public static void main(String[] args) {
        LocalStoreCache store = new LocalStoreCache(Path.of(args[0]));
        System.out.println("> ready");
        for (int i = 0; ; i++) {
            store.cache.put("k" + i, EngineStoreTest.value(i));
            System.out.println("> acked " + i);
        }
    }
}
