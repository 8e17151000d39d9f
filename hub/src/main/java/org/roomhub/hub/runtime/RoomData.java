package org.roomhub.hub.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime's port to one room's durable data. Reads see earlier commits at once; a commit's
 * future completes when it is durable, and commits of one room complete in order.
 */
public interface RoomData {

    /** The value at {@code key}. */
    Optional<byte[]> get(String key);

    /** Entries in key order. */
    SortedMap<String, byte[]> list(String prefix, String start, String end, int limit, boolean reverse);

    /**
     * Applies one event's puts, deletes and alarm change as ONE atomic storage write (a crash keeps all or
     * none of it); completes when durable.
     *
     * @param alarm empty: the alarm is untouched; an empty {@code OptionalLong}: cleared; else set to that time
     */
    CompletableFuture<Void> commit(Map<String, byte[]> puts, Set<String> deletes, Optional<OptionalLong> alarm);

    /** The stored alarm time. */
    OptionalLong alarm();

    /** Stores (or with empty, clears) the alarm time; completes when durable. */
    CompletableFuture<Void> setAlarm(OptionalLong at);

    /** Completes when every commit so far is durable. */
    CompletableFuture<Void> durable();

    /** Bytes the room's data takes, roughly. */
    long approximateBytes();
}
