package org.roomhub.hub.cluster;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.context.Flag;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachemanagerlistener.annotation.ViewChanged;
import org.infinispan.notifications.cachemanagerlistener.event.ViewChangedEvent;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.remoting.transport.Address;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.infinispan.remoting.transport.Transport;
import org.infinispan.factories.GlobalComponentRegistry;
import org.jgroups.JChannel;

/**
 * This hub's membership in a cluster (issue 13): an embedded Infinispan cache manager over JGroups.
 * It publishes the member's URL, reports members coming and going, places rooms on members and
 * fences each room's writer with an epoch. It does not move frames yet: see docs/cluster.md.
 */
@Listener(sync = false)
public final class ClusterNode implements AutoCloseable {

    static final String MEMBERS = "roomhub-members";
    static final String PLACEMENT = "roomhub-placement";
    static final String EPOCHS = "roomhub-epochs";

    private final ClusterSettings settings;
    private final DefaultCacheManager manager;
    private final Cache<String, String> members;
    private final ClusterEvents events;
    private final Placement placement;
    private final Epochs epochs;
    /** Node ids by Infinispan address UUID, learned from the members cache. */
    private final Map<String, String> idsByUuid = new ConcurrentHashMap<>();
    /** Members announced up (node id to URL), so each arrival is told once. */
    private final Map<String, String> announced = new ConcurrentHashMap<>();
    private final ClusterMessages messages;
    private volatile java.util.function.BiConsumer<String, byte[]> receiver = (from, bytes) -> {};

    private ClusterNode(ClusterSettings settings, String url, ClusterEvents events, Clock clock) {
        this.settings = settings;
        this.events = events;
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder();
        global.transport().defaultTransport().clusterName(settings.name()).nodeName(settings.nodeId())
                .addProperty(JGroupsTransport.CONFIGURATION_STRING, JGroupsStack.xml(settings));
        global.jmx().disable();
        manager = new DefaultCacheManager(global.build());
        try {
            manager.defineConfiguration(MEMBERS, replicated(PartitionHandling.ALLOW_READ_WRITES));
            manager.defineConfiguration(EPOCHS, replicated(PartitionHandling.DENY_READ_WRITES));
            ConfigurationBuilder dist = new ConfigurationBuilder();
            dist.clustering().cacheMode(CacheMode.DIST_SYNC).hash().numOwners(2)
                    .partitionHandling().whenSplit(PartitionHandling.DENY_READ_WRITES);
            manager.defineConfiguration(PLACEMENT, dist.build());
            members = manager.getCache(MEMBERS);
            Cache<String, Long> epochCache = manager.getCache(EPOCHS);
            Cache<String, String> placementCache = manager.getCache(PLACEMENT);
            manager.addListener(this);
            members.addListener(new MemberListener());
            // Members up before this one came by state transfer, which fires no events: announce those in the view.
            Set<String> inView = new java.util.HashSet<>();
            manager.getMembers().forEach(a -> inView.add(uuid(a)));
            members.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).forEach((id, text) -> {
                MemberEntry entry = MemberEntry.decode(text);
                learn(id, entry);
                if (inView.contains(entry.uuid())) {
                    announce(id, entry);
                }
            });
            placement = new Placement(placementCache.getAdvancedCache(), this::nodeId, this::knownRooms, events);
            epochs = new Epochs(epochCache.getAdvancedCache(), clock, events, placement::track, this::hasQuorum);
            members.put(settings.nodeId(), new MemberEntry("up", uuid(manager.getAddress()), url).encode());
            placement.recompute();
            JChannel channel = ((JGroupsTransport) GlobalComponentRegistry.componentOf(manager, Transport.class)).getChannel();
            messages = new ClusterMessages(channel, (src, bytes) ->
                    receiver.accept(nodeIdOf(src), bytes));
        } catch (Exception e) {
            manager.stop();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Joins the cluster; returns once this member's caches run and its URL is published. */
    public static ClusterNode start(ClusterSettings settings, String url, ClusterEvents events) {
        // Infinispan logs through jboss-logging: route it to the hub's SLF4J logger.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        return new ClusterNode(settings, url, events, Clock.systemUTC());
    }

    private static org.infinispan.configuration.cache.Configuration replicated(PartitionHandling whenSplit) {
        ConfigurationBuilder b = new ConfigurationBuilder();
        b.clustering().cacheMode(CacheMode.REPL_SYNC).partitionHandling().whenSplit(whenSplit);
        return b.build();
    }

    /** The member's cache manager, for caches of other parts of the hub (the cluster storage). */
    public org.infinispan.manager.EmbeddedCacheManager cacheManager() {
        return manager;
    }

    /** This member's node id. */
    public String self() {
        return settings.nodeId();
    }

    /** The node id of the member hosting {@code room} now (placement by the room's address). */
    public String owner(String room) {
        return placement.owner(room);
    }

    /** Takes a new epoch for {@code room} hosted here; later {@link #check} of older epochs says STALE. */
    public long activate(String room) {
        long epoch = epochs.activate(room);
        placement.track(room);
        return epoch;
    }

    /** Whether {@code epoch} still fences {@code room}: {@code CURRENT}, {@code STALE} or {@code NO_QUORUM}. */
    public Fence check(String room, long epoch) {
        return epochs.check(room, epoch);
    }

    /** The room's current epoch, if it was ever activated. */
    public OptionalLong epoch(String room) {
        return epochs.current(room);
    }

    /** The node id of a JGroups sender address (the same UUID as its Infinispan address). */
    private String nodeIdOf(org.jgroups.Address src) {
        if (src instanceof org.jgroups.util.UUID u) {
            for (Address a : manager.getMembers()) {
                if (a.getMostSignificantBits() == u.getMostSignificantBits() && a.getLeastSignificantBits() == u.getLeastSignificantBits()) {
                    return nodeId(a);
                }
            }
        }
        return String.valueOf(src);
    }

    /** Where bytes sent to this member by {@link #send} go, with the sender's node id (on a JGroups thread). */
    public void onMessage(java.util.function.BiConsumer<String, byte[]> receiver) {
        this.receiver = receiver;
    }

    /** Sends bytes to the member {@code nodeId} (FIFO per sender); false if no such member is in the view. */
    public boolean send(String nodeId, byte[] payload) {
        for (Address a : manager.getMembers()) {
            if (nodeId(a).equals(nodeId)) {
                try {
                    messages.send(Address.toExtendedUUID(a), payload);
                    return true;
                } catch (Exception e) {
                    throw new IllegalStateException("cannot send to " + nodeId + ": " + e.getMessage(), e);
                }
            }
        }
        return false;
    }

    /** Whether member {@code nodeId} is in this member's view (cheap: no cache is read). */
    public boolean inView(String nodeId) {
        for (Address a : manager.getMembers()) {
            if (nodeId(a).equals(nodeId)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this member's view holds more than half of the members named by {@code --cluster-members}. */
    public boolean hasQuorum() {
        return manager.getMembers().size() * 2 > settings.members().size();
    }

    /** {@code GET /api/cluster}: members in the view, leaving ones, and ones seen that are gone. */
    public ClusterView view() {
        Map<String, Integer> rooms = new HashMap<>();
        for (String room : epochs.rooms()) {
            rooms.merge(placement.owner(room), 1, Integer::sum);
        }
        Set<String> inView = new java.util.HashSet<>();
        manager.getMembers().forEach(a -> inView.add(nodeId(a)));
        List<ClusterView.Member> list = new ArrayList<>();
        Map<String, String> entries = new HashMap<>();
        members.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL).forEach(entries::put);
        for (String id : inView) {
            MemberEntry e = entries.containsKey(id) ? MemberEntry.decode(entries.get(id)) : null;
            list.add(new ClusterView.Member(id, e == null ? null : e.url(), e == null ? "up" : e.state(),
                    rooms.getOrDefault(id, 0)));
        }
        entries.forEach((id, text) -> {
            if (!inView.contains(id)) {
                list.add(new ClusterView.Member(id, MemberEntry.decode(text).url(), "down", 0));
            }
        });
        list.sort(Comparator.comparing(ClusterView.Member::id));
        return new ClusterView(self(), List.copyOf(list));
    }

    private Set<String> knownRooms() {
        Epochs e = epochs; // null while the constructor runs and a topology event comes early
        return e == null ? Set.of() : e.rooms();
    }

    private void learn(String id, MemberEntry entry) {
        idsByUuid.put(entry.uuid(), id);
    }

    private static String uuid(Address a) {
        return a.getNodeUUID().toString();
    }

    /** The node id of an address; the address itself until that member has published its entry. */
    private String nodeId(Address a) {
        String id = idsByUuid.get(uuid(a));
        return id != null ? id : a.toString();
    }

    @ViewChanged
    public void viewChanged(ViewChangedEvent event) {
        for (Address gone : event.getOldMembers()) {
            if (!event.getNewMembers().contains(gone)) {
                String id = nodeId(gone);
                announced.remove(id);
                events.nodeDown(id);
            }
        }
    }

    /** Announces a member once its entry says it is up (its URL known). */
    @Listener(sync = false)
    public final class MemberListener {
        @CacheEntryCreated
        @CacheEntryModified
        public void changed(CacheEntryEvent<String, String> event) {
            if (event.isPre() || event.getValue() == null) {
                return;
            }
            MemberEntry entry = MemberEntry.decode(event.getValue());
            learn(event.getKey(), entry);
            announce(event.getKey(), entry);
        }
    }

    private void announce(String id, MemberEntry entry) {
        if (entry.state().equals("up") && !entry.url().equals(announced.put(id, entry.url()))) {
            events.nodeUp(id, entry.url());
        }
    }

    /** Leaves gracefully: says {@code leaving}, withdraws its entry, stops the cache manager. */
    @Override
    public void close() {
        try {
            String text = members.get(self());
            if (text != null) {
                MemberEntry e = MemberEntry.decode(text);
                members.put(self(), new MemberEntry("leaving", e.uuid(), e.url()).encode());
            }
            members.remove(self());
        } catch (RuntimeException e) {
            // cut off or stopping already: the others see this member's view change anyway
        }
        messages.close();
        manager.stop();
    }
}
