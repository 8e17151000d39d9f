package org.roomhub.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import org.roomhub.hub.runtime.RoomData;
import org.roomhub.hub.runtime.StoragePort;
import org.roomhub.hub.storage.ListOptions;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.Storage;
import org.roomhub.protocol.value.RoomAddress;

/** Connects the room runtime to the crash-safe storage engine. */
final class EngineStorage implements StoragePort {

    private final Storage storage;

    EngineStorage(Storage storage) {
        this.storage = storage;
    }

    Storage engine() {
        return storage;
    }

    @Override
    public RoomData room(RoomAddress address) {
        return new Room(storage.forRoom(address.toString()));
    }

    @Override
    public Map<String, Long> alarms() {
        return storage.alarms();
    }

    @Override
    public Set<String> rooms() {
        return storage.rooms();
    }

    @Override
    public CompletableFuture<Void> delete(RoomAddress address) {
        return storage.forRoom(address.toString()).deleteRoom();
    }

    @Override
    public void close() {
        try {
            storage.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing storage failed", e);
        }
    }

    private record Room(RoomStore store) implements RoomData {
        @Override
        public Optional<byte[]> get(String key) {
            return store.get(key);
        }

        @Override
        public SortedMap<String, byte[]> list(String prefix, String start, String end, int limit, boolean reverse) {
            ListOptions o = ListOptions.all().prefix(prefix).reverse(reverse);
            if (limit > 0) {
                o = o.limit(limit);
            }
            if (start != null) {
                o = o.start(start);
            }
            if (end != null) {
                o = o.end(end);
            }
            return store.list(o);
        }

        @Override
        public CompletableFuture<Void> commit(Map<String, byte[]> puts, Set<String> deletes,
                                              Optional<OptionalLong> alarm) {
            return store.transaction(tx -> {
                if (!puts.isEmpty()) {
                    tx.put(puts);
                }
                if (!deletes.isEmpty()) {
                    tx.delete(deletes);
                }
                alarm.ifPresent(at -> {
                    if (at.isPresent()) {
                        tx.setAlarm(at.getAsLong());
                    } else {
                        tx.deleteAlarm();
                    }
                });
            });
        }

        @Override
        public OptionalLong alarm() {
            return store.getAlarm().map(OptionalLong::of).orElse(OptionalLong.empty());
        }

        @Override
        public CompletableFuture<Void> setAlarm(OptionalLong at) {
            return at.isPresent() ? store.setAlarm(at.getAsLong()) : store.deleteAlarm();
        }

        @Override
        public CompletableFuture<Void> durable() {
            return store.durable();
        }

        @Override
        public long approximateBytes() {
            return store.approximateBytes();
        }
    }
}
