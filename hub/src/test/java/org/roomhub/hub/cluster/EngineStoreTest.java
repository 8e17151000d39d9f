package org.roomhub.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.infinispan.commons.marshall.WrappedByteArray;
import org.infinispan.commons.util.IntSets;
import org.infinispan.persistence.spi.MarshallableEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.cluster.store.EngineStore;

/** Our storage engine behind Infinispan's NonBlockingStore SPI ({@link EngineStore}), through a real local cache. */
class EngineStoreTest {

    @TempDir
    Path dir;

    static byte[] value(int i) {
        return ("value-" + i).repeat(1 + i % 7).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCacheWritesReadsDeletesAndPublishesThroughTheEngineAndFindsItAllAfterReopen() {
        byte[] big = new byte[300 * 1024]; // more than the engine's 128 KiB value limit: stored in chunks
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        try (LocalStoreCache s = new LocalStoreCache(dir)) {
            s.cache.put("room\u001eL0000000000000000001", value(1));
            s.cache.put("room\u001eH", 42L);
            s.cache.put("big", big);
            s.cache.put("gone", value(2));
            s.cache.put("big", big); // overwrite: the old chunks are replaced, not added
            assertThat(s.cache.remove("gone")).isNotNull();

            EngineStore store = EngineStore.at(dir);
            List<MarshallableEntry<String, Object>> published = Flowable.fromPublisher(
                    store.publishEntries(IntSets.immutableRangeSet(256), k -> true, true)).toList().blockingGet();
            Map<String, Object> byKey = published.stream().collect(Collectors.toMap(MarshallableEntry::getKey, MarshallableEntry::getValue));
            assertThat(byKey).containsOnlyKeys("room\u001eL0000000000000000001", "room\u001eH", "big");
            assertThat(((WrappedByteArray) byKey.get("big")).getBytes()).isEqualTo(big);
            assertThat(Flowable.fromPublisher(store.publishKeys(IntSets.immutableRangeSet(256), k -> k.startsWith("room")))
                    .toList().blockingGet()).containsExactlyInAnyOrder("room\u001eL0000000000000000001", "room\u001eH");
        }
        // A fresh cache manager has nothing in memory: every read below is loaded from the engine's files.
        try (LocalStoreCache s = new LocalStoreCache(dir)) {
            assertThat((byte[]) s.cache.get("room\u001eL0000000000000000001")).isEqualTo(value(1));
            assertThat(s.cache.get("room\u001eH")).isEqualTo(42L);
            assertThat((byte[]) s.cache.get("big")).isEqualTo(big);
            assertThat(s.cache.get("gone")).isNull();
            assertThat(s.cache.size()).isEqualTo(3);
        }
    }

    @Test
    void aPutThatReturnedSurvivesAKillMinus9OfItsJvm() throws Exception {
        Path store = dir.resolve("killed");
        int acked;
        try (ChildJvm child = ChildJvm.start("store", EngineStoreChild.class, List.of(store.toString()))) {
            assertThat(child.answer(Duration.ofSeconds(120))).isEqualTo("ready");
            acked = -1;
            while (acked < 150) {
                acked = Integer.parseInt(child.answer(Duration.ofSeconds(60)).substring("acked ".length()));
            }
            child.kill9();
        }
        try (LocalStoreCache s = new LocalStoreCache(store)) {
            for (int i = 0; i <= acked; i++) {
                assertThat((byte[]) s.cache.get("k" + i)).as("k" + i).isEqualTo(value(i));
            }
        }
    }
}
