package org.roomhub.hub.cluster;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.AdvancedCache;
import org.infinispan.context.Flag;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryModifiedEvent;
import org.infinispan.partitionhandling.AvailabilityException;

/**
 * Per-room epochs that fence a room's single writer. The epochs live in the replicated, synchronous
 * {@code roomhub-epochs} cache with DENY_READ_WRITES: a member cut off in a minority can neither take
 * nor check an epoch. {@link #activate} takes a new epoch with compare-and-set (two members activating
 * at once: exactly one wins each round, both end with different epochs, the later one current).
 * Besides Infinispan's own partition handling, a member needs a static majority: more than half of
 * the members named by {@code --cluster-members} in its view (Infinispan's dynamic rule lets a cluster
 * shrink to one member through successive failures; ours never lets a lone member write).
 * A new epoch is {@code max(current + 1, wall-clock ms)}, so epochs keep growing across a restart of the
 * whole cluster even though the cache is not persisted (as long as clocks do not step back).
 */
@Listener(sync = false)
final class Epochs {

    private final AdvancedCache<String, Long> cache;
    private final Clock clock;
    private final ClusterEvents events;
    private final java.util.function.Consumer<String> newRoom;
    private final java.util.function.BooleanSupplier quorum;
    /** Epochs this member took and still holds, so it can be told when another member takes over. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();

    /** {@code newRoom} hears of every room activated for the first time, on whichever member. */
    Epochs(AdvancedCache<String, Long> cache, Clock clock, ClusterEvents events, java.util.function.Consumer<String> newRoom,
            java.util.function.BooleanSupplier quorum) {
        this.cache = cache;
        this.quorum = quorum;
        this.newRoom = newRoom;
        this.clock = clock;
        this.events = events;
        cache.addListener(this);
    }

    /** Takes a new epoch for {@code room}; throws {@link NoQuorumException} on a minority. */
    long activate(String room) {
        if (!quorum.getAsBoolean()) {
            throw new NoQuorumException("no majority of the cluster in view: cannot activate " + room, null);
        }
        try {
            while (true) {
                Long current = cache.get(room);
                long next = Math.max(current == null ? 1 : current + 1, clock.millis());
                boolean won = current == null ? cache.putIfAbsent(room, next) == null : cache.replace(room, current, next);
                if (won) {
                    held.put(room, next);
                    return next;
                }
            }
        } catch (AvailabilityException e) {
            throw new NoQuorumException("cluster partition is degraded: cannot activate " + room, e);
        }
    }

    /** Whether {@code epoch} is still {@code room}'s current epoch (read from the quorum-protected cache). */
    Fence check(String room, long epoch) {
        if (!quorum.getAsBoolean()) {
            return Fence.NO_QUORUM;
        }
        try {
            Long current = cache.get(room);
            if (current != null && current == epoch) {
                return Fence.CURRENT;
            }
            held.remove(room, epoch);
            return Fence.STALE;
        } catch (AvailabilityException e) {
            return Fence.NO_QUORUM;
        }
    }

    /** The room's current epoch, if it was ever activated. */
    java.util.OptionalLong current(String room) {
        Long c = cache.get(room);
        return c == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(c);
    }

    /** This member gives a room up (it hibernated or moved): later activations elsewhere are no news. */
    void release(String room) {
        held.remove(room);
    }

    /** Rooms the cluster has activated, read locally (every member holds all of them); empty on a minority. */
    Set<String> rooms() {
        try {
            return Set.copyOf(cache.withFlags(Flag.CACHE_MODE_LOCAL).keySet());
        } catch (AvailabilityException e) {
            return Set.of();
        }
    }

    @org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated
    public void created(org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent<String, Long> event) {
        if (!event.isPre()) {
            newRoom.accept(event.getKey());
        }
    }

    @CacheEntryModified
    public void modified(CacheEntryModifiedEvent<String, Long> event) {
        if (event.isPre() || event.getNewValue() == null) {
            return;
        }
        Long mine = held.get(event.getKey());
        if (mine != null && mine < event.getNewValue()) {
            held.remove(event.getKey(), mine);
            events.fenced(event.getKey(), mine, event.getNewValue());
        }
    }
}
