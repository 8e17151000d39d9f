package org.roomhub.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.roomhub.hub.runtime.StoragePort;
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
    public RoomStore room(RoomAddress address) {
        return storage.forRoom(address.toString());
    }

    @Override
    public RoomStore peek(RoomAddress address) {
        return storage.peek(address.toString());
    }

    @Override
    public void release(RoomAddress address) {
        storage.release(address.toString());
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
}
