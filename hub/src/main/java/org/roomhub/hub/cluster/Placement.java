package org.roomhub.hub.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.infinispan.AdvancedCache;
import org.infinispan.distribution.LocalizedCacheTopology;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.TopologyChanged;
import org.infinispan.notifications.cachelistener.event.TopologyChangedEvent;
import org.infinispan.remoting.transport.Address;
import org.infinispan.topology.CacheTopology;

/**
 * Which member hosts a room: the primary owner of the room's address in the distributed
 * {@code roomhub-placement} cache (Infinispan's consistent hash; the cache holds no data, only its
 * topology is used). Every member computes the same answer from the same topology. When a topology
 * change moves a room the cluster knows, {@link ClusterEvents#roomMoved} tells this member's observers.
 */
@Listener(sync = false)
final class Placement {

    private final AdvancedCache<String, String> cache;
    private final Function<Address, String> nodeIds;
    private final Supplier<Set<String>> knownRooms;
    private final ClusterEvents events;
    /** Last owner reported per known room. */
    private final Map<String, String> owners = new HashMap<>();
    /** Members of the last stable topology, to tell a move to a newcomer (node-up) from a rebalance. */
    private Set<String> stableMembers = Set.of();

    Placement(AdvancedCache<String, String> cache, Function<Address, String> nodeIds, Supplier<Set<String>> knownRooms,
            ClusterEvents events) {
        this.cache = cache;
        this.nodeIds = nodeIds;
        this.knownRooms = knownRooms;
        this.events = events;
        cache.addListener(this);
    }

    /** The node id of the member hosting {@code room} in the current topology. */
    String owner(String room) {
        return nodeIds.apply(primary(topology(), room));
    }

    private LocalizedCacheTopology topology() {
        return cache.getDistributionManager().getCacheTopology();
    }

    private Address primary(LocalizedCacheTopology topology, String room) {
        return topology.getDistribution(cache.getKeyDataConversion().toStorage(room)).primary();
    }

    /** Remembers a room's current owner so later moves are reported; returns it. */
    synchronized String track(String room) {
        String owner = owner(room);
        owners.putIfAbsent(room, owner);
        return owner;
    }

    @TopologyChanged
    public void topologyChanged(TopologyChangedEvent<String, String> event) {
        if (!event.isPre()) {
            recompute();
        }
    }

    /**
     * Reports rooms whose owner changed. Mid-rebalance topologies are skipped unless a room's last
     * owner has left, so a room is not reported moving back and forth while segments transfer.
     */
    synchronized void recompute() {
        LocalizedCacheTopology t = topology();
        Set<String> memberIds = new java.util.HashSet<>();
        t.getMembersSet().forEach(a -> memberIds.add(nodeIds.apply(a)));
        boolean stable = t.getPhase() == CacheTopology.Phase.NO_REBALANCE;
        for (String room : knownRooms.get()) {
            owners.putIfAbsent(room, null);
        }
        for (Map.Entry<String, String> e : owners.entrySet()) {
            String from = e.getValue();
            boolean ownerGone = from != null && !memberIds.contains(from);
            if (!stable && !ownerGone) {
                continue;
            }
            String to = nodeIds.apply(primary(t, e.getKey()));
            if (from == null) {
                e.setValue(to);
            } else if (!from.equals(to)) {
                e.setValue(to);
                events.roomMoved(e.getKey(), from, to,
                        ownerGone ? "node-down" : !stableMembers.contains(to) ? "node-up" : "rebalance");
            }
        }
        if (stable) {
            stableMembers = memberIds;
        }
    }
}
