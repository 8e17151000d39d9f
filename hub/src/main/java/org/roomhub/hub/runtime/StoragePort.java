package org.roomhub.hub.runtime;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.protocol.value.RoomAddress;

/** The runtime's port to the hub's durable store: one {@link RoomStore} per room, and what spans rooms. */
public interface StoragePort extends AutoCloseable {

    /** One room's data. */
    RoomStore room(RoomAddress address);

    /**
     * One room's data for reading only (figures of a room whose host is not built): a store may make it
     * without keeping it, unlike {@link #room}. Never written through.
     */
    default RoomStore peek(RoomAddress address) {
        return room(address);
    }

    /**
     * Lets go of a room's store when nothing of it is pending (its host retired); the next {@link #room} makes a
     * fresh one. Called while no host of the room exists.
     */
    default void release(RoomAddress address) {
    }

    /** Every stored alarm: room address ({@code type/name}) to epoch ms. */
    Map<String, Long> alarms();

    /** Rooms that have stored data. */
    Set<String> rooms();

    /** Deletes a room's data and alarm atomically; completes when that is durable. */
    CompletableFuture<Void> delete(RoomAddress address);

    /** Flushes and closes the store. */
    @Override
    void close();
}
