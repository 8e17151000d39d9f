package org.roomhub.hub.cluster.store;

import io.reactivex.rxjava3.core.Flowable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.infinispan.commons.marshall.WrappedByteArray;
import org.infinispan.commons.util.IntSet;
import org.infinispan.persistence.spi.InitializationContext;
import org.infinispan.persistence.spi.MarshallableEntry;
import org.infinispan.persistence.spi.MarshallableEntryFactory;
import org.infinispan.persistence.spi.NonBlockingStore;
import org.infinispan.util.concurrent.BlockingManager;
import org.reactivestreams.Publisher;
import org.roomhub.hub.storage.ListOptions;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.Storage;
import org.roomhub.hub.storage.WriteSet;

/**
 * Our crash-safe storage engine behind Infinispan's {@link NonBlockingStore} SPI: each owner of a key
 * writes it through to its own engine, and Infinispan answers a synchronous write only after every
 * owner's {@link #write} stage completed — which here is the engine's journal fdatasync. So a value
 * acknowledged by the cache is on disk on both owners.
 *
 * <p>Segment {@code s} is the engine "room" {@code s/<s>}; a cache key is stored under engine keys
 * {@code key + US + chunk} (values may exceed the engine's 128 KiB value limit, so they are cut in
 * chunks written in ONE atomic engine record). Values are {@code byte[]} or {@code Long} (the cache's
 * only value types, see {@link RoomLog}; Infinispan hands and expects {@code byte[]} wrapped in
 * {@link WrappedByteArray}). Engine calls go through Infinispan's blocking manager:
 * the engine may block briefly for backpressure, Infinispan's threads must not.
 */
public final class EngineStore implements NonBlockingStore<String, Object> {

    /** The store's folder: property {@code location} of the custom store configuration. */
    public static final String LOCATION = "location";
    static final char SEP = '\u001f';
    private static final int CHUNK = 120 * 1024;
    private static final byte BYTES = 0;
    private static final byte LONG = 1;
    private static final Map<Path, EngineStore> OPEN = new ConcurrentHashMap<>();

    private volatile Storage storage;
    private volatile Path location;
    private BlockingManager blocking;
    private MarshallableEntryFactory<String, Object> entries;

    /** The store running in this JVM on {@code location}, if any (the cluster storage re-offers its contents). */
    public static EngineStore at(Path location) {
        return OPEN.get(location.toAbsolutePath().normalize());
    }

    @Override
    public CompletionStage<Void> start(InitializationContext ctx) {
        blocking = ctx.getBlockingManager();
        entries = ctx.getMarshallableEntryFactory();
        location = Path.of(ctx.getConfiguration().properties().getProperty(LOCATION)).toAbsolutePath().normalize();
        return blocking.runBlocking(() -> {
            try {
                storage = Storage.open(location);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open cluster store " + location, e);
            }
            OPEN.put(location, this);
        }, "engine-store-start");
    }

    @Override
    public CompletionStage<Void> stop() {
        return blocking.runBlocking(() -> {
            OPEN.remove(location, this);
            try {
                storage.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing cluster store " + location + " failed", e);
            }
        }, "engine-store-stop");
    }

    @Override
    public Set<Characteristic> characteristics() {
        return EnumSet.of(Characteristic.SEGMENTABLE, Characteristic.BULK_READ);
    }

    private RoomStore segment(int segment) {
        return storage.forRoom("s/" + segment);
    }

    @Override
    public CompletionStage<MarshallableEntry<String, Object>> load(int segment, Object key) {
        return blocking.supplyBlocking(() -> {
            Object value = read(segment((segment)), (String) key);
            return value == null ? null : entries.create(key, value);
        }, "engine-store-load");
    }

    @Override
    public CompletionStage<Void> write(int segment, MarshallableEntry<? extends String, ?> entry) {
        WriteSet writes = new WriteSet();
        RoomStore room = segment(segment);
        // The engine completes its futures on its own commit thread: Infinispan continues on its own threads.
        return blocking.continueOnNonBlockingThread(blocking.supplyBlocking(() -> {
            String key = entry.getKey();
            chunkKeys(room, key).forEach(writes::delete);
            byte[] value = encode(entry.getValue());
            for (int i = 0, c = 0; i < value.length || c == 0; i += CHUNK, c++) {
                writes.put(chunkKey(key, c), java.util.Arrays.copyOfRange(value, i, Math.min(value.length, i + CHUNK)));
            }
            return room.commit(writes); // completes when fdatasync'ed
        }, "engine-store-write").thenCompose(durable -> durable), "engine-store-written");
    }

    @Override
    public CompletionStage<Boolean> delete(int segment, Object key) {
        RoomStore room = segment(segment);
        return blocking.continueOnNonBlockingThread(blocking.supplyBlocking(() -> {
            List<String> chunks = chunkKeys(room, (String) key);
            return chunks.isEmpty() ? CompletableFuture.completedFuture(false)
                    : room.delete(chunks).thenApply(v -> true);
        }, "engine-store-delete").thenCompose(done -> done), "engine-store-deleted");
    }

    @Override
    public CompletionStage<Void> clear() {
        return blocking.supplyBlocking(() -> CompletableFuture.allOf(storage.rooms().stream()
                .filter(r -> r.startsWith("s/"))
                .map(r -> storage.forRoom(r).deleteAll())
                .toArray(CompletableFuture[]::new)), "engine-store-clear").thenCompose(done -> done);
    }

    /** Segments need no setup: an engine "room" appears with its first key. */
    @Override
    public CompletionStage<Void> addSegments(IntSet segments) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Keeps the data of segments this member no longer owns: the new owners got them by state transfer
     * first, and a stale copy is harmless (a later state transfer overwrites every live key, and what it
     * leaves behind lies below the room's head, see {@link RoomLog}). The next restart re-offers it all
     * anyway ({@link EarlierCopies}).
     */
    @Override
    public CompletionStage<Void> removeSegments(IntSet segments) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Long> size(IntSet segments) {
        return blocking.supplyBlocking(() -> {
            long n = 0;
            for (int s : segments) {
                n += entriesOf(s, k -> true).size();
            }
            return n;
        }, "engine-store-size");
    }

    @Override
    public CompletionStage<Long> approximateSize(IntSet segments) {
        return size(segments);
    }

    @Override
    public Publisher<MarshallableEntry<String, Object>> publishEntries(IntSet segments, Predicate<? super String> filter,
            boolean includeValues) {
        return blocking.blockingPublisher(Flowable.fromIterable(segments)
                .concatMapIterable(s -> entriesOf(s, filter).entrySet())
                .map(e -> includeValues ? entries.create(e.getKey(), e.getValue()) : entries.create(e.getKey())));
    }

    @Override
    public Publisher<String> publishKeys(IntSet segments, Predicate<? super String> filter) {
        return blocking.blockingPublisher(Flowable.fromIterable(segments)
                .concatMapIterable(s -> entriesOf(s, filter).keySet()));
    }

    /** Every key and value of one segment (values decoded) that passes {@code filter}. */
    Map<String, Object> entriesOf(int segment, Predicate<? super String> filter) {
        return entriesOf(storage, segment, filter);
    }

    private static Map<String, Object> entriesOf(Storage storage, int segment, Predicate<? super String> filter) {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        SortedMap<String, byte[]> all = storage.forRoom("s/" + segment).list(ListOptions.all());
        String current = null;
        java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            String key = e.getKey().substring(0, e.getKey().lastIndexOf(SEP));
            if (!key.equals(current)) {
                if (current != null && filter.test(current)) {
                    result.put(current, decode(value.toByteArray()));
                }
                current = key;
                value.reset();
            }
            value.writeBytes(e.getValue());
        }
        if (current != null && filter.test(current)) {
            result.put(current, decode(value.toByteArray()));
        }
        return result;
    }

    /**
     * Every entry of every segment in an engine no cache uses (a member's files from before its restart),
     * values as the cache's users see them ({@code byte[]} or {@code Long}).
     */
    static Map<String, Object> contentsOf(Storage storage) {
        Map<String, Object> all = new java.util.HashMap<>();
        for (String room : storage.rooms()) {
            if (room.startsWith("s/")) {
                entriesOf(storage, Integer.parseInt(room.substring(2)), k -> true).forEach((k, v) ->
                        all.put(k, v instanceof WrappedByteArray w ? w.getBytes() : v));
            }
        }
        return all;
    }

    private static Object read(RoomStore room, String key) {
        SortedMap<String, byte[]> chunks = room.list(ListOptions.withPrefix(key + SEP));
        if (chunks.isEmpty()) {
            return null;
        }
        java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
        chunks.values().forEach(value::writeBytes);
        return decode(value.toByteArray());
    }

    private static List<String> chunkKeys(RoomStore room, String key) {
        return new ArrayList<>(room.list(ListOptions.withPrefix(key + SEP)).keySet());
    }

    private static String chunkKey(String key, int chunk) {
        return key + SEP + String.format("%04d", chunk);
    }

    private static byte[] encode(Object value) {
        if (value instanceof WrappedByteArray w) { // how Infinispan keeps byte[] values in memory
            value = w.getBytes();
        }
        if (value instanceof byte[] b) {
            return ByteBuffer.allocate(1 + b.length).put(BYTES).put(b).array();
        }
        if (value instanceof Long l) {
            return ByteBuffer.allocate(9).put(LONG).putLong(l).array();
        }
        throw new IllegalArgumentException("the cluster store keeps byte[] and Long values, not " + value.getClass().getName());
    }

    private static Object decode(byte[] stored) {
        ByteBuffer b = ByteBuffer.wrap(stored);
        byte kind = b.get();
        if (kind == LONG) {
            return b.getLong();
        }
        byte[] value = new byte[b.remaining()];
        b.get(value);
        return new WrappedByteArray(value);
    }
}
