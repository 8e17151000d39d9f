package org.roomhub.hub.storage;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The durable key-value storage of one room, like a Durable Object's {@code state.storage}.
 *
 * <p><b>Read-your-writes:</b> every read sees every write accepted before it on this store at once,
 * before it is durable. <b>Durability:</b> each write returns a future that completes when the write is
 * durable (journaled and fdatasync'ed), or completes exceptionally with {@link StorageFailedException} if it
 * never will be; {@link #durable()} covers all writes so far. The runtime's output gate waits on these
 * asynchronously. Futures complete on a storage thread: chain with the {@code *Async} methods.
 *
 * <p><b>Backpressure:</b> a write blocks its caller only while the engine is more than
 * {@link StorageOptions#maxPendingBytes()} behind, at most {@link StorageOptions#backpressureTimeout()}, then
 * throws {@link StorageOverloadedException} without having written anything. Writes are validated before
 * they are accepted ({@link IllegalArgumentException}: keys up to 2 KiB of UTF-8 without unpaired
 * surrogates, values up to 128 KiB, one write up to {@link StorageOptions#MAX_RECORD_BYTES}). Each write is
 * all-or-nothing. Thread-safe; writes on one room are ordered. Values are copied in and out.
 */
public interface RoomStore {

    /** The room id, e.g. {@code chat/lobby}. */
    String roomId();

    /** The value of {@code key}, if any. */
    Optional<byte[]> get(String key);

    /** The values of those {@code keys} that exist, in the order given. */
    Map<String, byte[]> get(Collection<String> keys);

    /** Sets {@code key} to {@code value}. */
    CompletableFuture<Void> put(String key, byte[] value);

    /** Sets all {@code entries} atomically. */
    CompletableFuture<Void> put(Map<String, byte[]> entries);

    /** Deletes {@code key} (no-op if absent). */
    CompletableFuture<Void> delete(String key);

    /** Deletes all {@code keys} atomically. */
    CompletableFuture<Void> delete(Collection<String> keys);

    /** Entries selected by {@code options}; the map iterates in list order (descending when reversed). */
    SortedMap<String, byte[]> list(ListOptions options);

    /**
     * Runs {@code body} with exclusive access to this room's storage and commits its writes as one atomic
     * record. If {@code body} throws or calls {@link RoomTransaction#rollback()}, nothing is written (the
     * exception propagates). Reads inside see the transaction's own writes.
     *
     * @return completes when the transaction is durable
     */
    CompletableFuture<Void> transaction(Consumer<RoomTransaction> body);

    /**
     * Commits one event's {@link WriteSet} (puts, deletes, alarm change) as ONE atomic record: a crash keeps
     * all of it or none. Completes when durable. The set's value arrays are kept as they are: not changed after.
     */
    CompletableFuture<Void> commit(WriteSet writes);

    /** Deletes every key of this room (not its alarm). */
    CompletableFuture<Void> deleteAll();

    /** Deletes every key of this room and its alarm, in one atomic write: afterwards the room has no trace. */
    CompletableFuture<Void> deleteRoom();

    /** The stored alarm time in epoch milliseconds, if any. */
    Optional<Long> getAlarm();

    /** Stores the alarm time (replacing any). */
    CompletableFuture<Void> setAlarm(long epochMillis);

    /** Removes the alarm. */
    CompletableFuture<Void> deleteAlarm();

    /** Completes when every write issued so far on this room is durable (at once if there is none). */
    CompletableFuture<Void> durable();

    /** Sum of key and value sizes of this room's data (scans the room; for stats). */
    long approximateBytes();
}
