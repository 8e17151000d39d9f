package org.roomhub.hub.cluster.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;
import org.roomhub.hub.cluster.ClusterNode;
import org.roomhub.hub.runtime.StoragePort;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The room runtime's storage in cluster mode: every room's data in the replicated {@code roomhub-rooms}
 * cache (two owners, each writing through to its own crash-safe engine under {@code dir}), read and
 * written by the room's host through a {@link ClusterRoomStore}. Created before the hub joins the cluster
 * (the registry needs its port), usable once {@link #attach} has run: until then opening a room waits.
 */
public final class ClusterStorage implements StoragePort {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int checkpointEvery;
    private final CompletableFuture<ClusterNode> node = new CompletableFuture<>();
    private final Map<String, ClusterRoomStore> stores = new ConcurrentHashMap<>();
    /** Remote reads, re-offers and compaction: never on a room's queue or an Infinispan thread. */
    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "roomhub-cluster-store");
        t.setDaemon(true);
        return t;
    });
    private volatile AdvancedCache<String, Object> cache;
    private volatile StoreReadiness readiness;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterStorage.class);
    /** Until the runtime can evict a room (the activation work), a refused room is logged. */
    private volatile BiConsumer<String, FencedException> onFenced = (room, why) -> LOG.warn("{}", why.getMessage());

    /** Storage whose engine files live in {@code dir}; checkpoints a room every {@code checkpointEvery} log entries. */
    public ClusterStorage(Path dir, int checkpointEvery) {
        this.dir = dir.toAbsolutePath().normalize();
        this.checkpointEvery = checkpointEvery;
    }

    public ClusterStorage(Path dir) {
        this(dir, 256);
    }

    /**
     * Starts the {@code roomhub-rooms} cache on the member's cache manager over an empty engine, re-offers
     * the entries this member stored before its restart to the cluster (a new consistent hash may place
     * them elsewhere, see {@link EarlierCopies}) and marks this member ready. Blocking; call once, after
     * the member joined.
     */
    public void attach(ClusterNode member) {
        EmbeddedCacheManager manager = member.cacheManager();
        EarlierCopies copies = new EarlierCopies(dir);
        java.util.List<Path> earlier = copies.setAside();
        RoomsCache.define(manager, copies.live());
        Cache<String, Object> c = manager.getCache(RoomsCache.NAME);
        cache = c.getAdvancedCache();
        readiness = new StoreReadiness(manager);
        for (Path copy : earlier) {
            long started = System.nanoTime();
            new Reoffer(cache, copy).run();
            copies.done(copy);
            LOG.info("re-offered the earlier copy {} in {} ms", copy.getFileName(), (System.nanoTime() - started) / 1_000_000);
        }
        readiness.markReady(member.self());
        node.complete(member);
    }

    /** Called when a room's store refuses writes (stale host, no quorum, failed cluster write): evict that room. */
    public void onFenced(BiConsumer<String, FencedException> hook) {
        this.onFenced = hook;
    }

    /** This member's node id (waits for {@link #attach}). */
    String self() {
        return member().self();
    }

    private ClusterNode member() {
        try {
            return node.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new FencedException("the cluster storage is not attached to a cluster (yet)", e);
        }
    }

    /** The cache, once every member in view has re-offered its stored entries (bounded wait). */
    AdvancedCache<String, Object> cache() {
        member();
        readiness.await(READY_TIMEOUT);
        return cache;
    }

    /** The cache for writes of an opened room: no readiness wait (callers may be Infinispan's threads). */
    AdvancedCache<String, Object> writeCache() {
        return cache;
    }

    boolean hasQuorum() {
        return member().hasQuorum();
    }

    int checkpointEvery() {
        return checkpointEvery;
    }

    @Override
    public RoomStore room(RoomAddress address) {
        return store(address.toString());
    }

    ClusterRoomStore store(String room) {
        return stores.computeIfAbsent(room, r -> new ClusterRoomStore(r, this));
    }

    /**
     * Loads a room's store off the caller's thread (remote reads and the claim), so activation can wait for
     * it without blocking a room's queue. A room's first read loads it too, on the reading thread.
     */
    public CompletableFuture<RoomStore> prepare(RoomAddress address) {
        ClusterRoomStore s = store(address.toString());
        return CompletableFuture.supplyAsync(() -> {
            s.loaded();
            return s;
        }, background);
    }

    /**
     * The Infinispan names of the members holding {@code room}'s data now (primary first) and whether a
     * rebalance is under way: for tests and operators who need to know which members a room depends on.
     */
    public Owners owners(String room) {
        var topology = cache().getDistributionManager().getCacheTopology();
        var distribution = topology.getDistribution(cache.getKeyDataConversion().toStorage(RoomLog.head(room)));
        return new Owners(distribution.writeOwners().stream().map(Object::toString).toList(),
                topology.getPhase() != org.infinispan.topology.CacheTopology.Phase.NO_REBALANCE);
    }

    /** Owners of a room's data: Infinispan node names (our node ids), primary first. */
    public record Owners(java.util.List<String> names, boolean rebalancing) {}

    /** Drops this member's copy of a room (after eviction); the next {@link #room} opens it afresh and claims it. */
    public void forget(RoomAddress address) {
        stores.remove(address.toString());
    }

    /** Alarms of the rooms placed on this member (each room's alarm fires on its host only); reads, claims nothing. */
    @Override
    public Map<String, Long> alarms() {
        Map<String, Long> result = new TreeMap<>();
        for (String room : hosted()) {
            Long at = peek(room).alarm();
            if (at != null) {
                result.put(room, at);
            }
        }
        return result;
    }

    /** Rooms with data or an alarm that placement puts on this member (reads every room key of the cluster). */
    @Override
    public Set<String> rooms() {
        Set<String> result = new TreeSet<>();
        for (String room : hosted()) {
            if (!peek(room).isEmpty()) {
                result.add(room);
            }
        }
        return result;
    }

    /** Rooms with any key in the cluster that placement puts on this member. */
    private Set<String> hosted() {
        ClusterNode m = member();
        Set<String> names = new TreeSet<>();
        for (String key : cache().keySet()) {
            names.add(RoomLog.roomOf(key));
        }
        names.removeIf(room -> !m.self().equals(m.owner(room)));
        return names;
    }

    /** A room as stored: this member's copy if it has the room open, else read without claiming it. */
    private RoomState peek(String room) {
        ClusterRoomStore open = stores.get(room);
        if (open != null && open.isLoaded()) {
            synchronized (open) {
                return new RoomState(new java.util.TreeMap<>(open.loaded().data()), open.loaded().alarm());
            }
        }
        return RoomOpener.peek(cache(), room);
    }

    @Override
    public CompletableFuture<Void> delete(RoomAddress address) {
        return store(address.toString()).deleteRoom();
    }

    /** Moves a room's head to checkpoint {@code n} and removes the entries before it but the claims {@code keep}, in the background. */
    void compact(String room, long n, Set<Long> keep, LongConsumer moved) {
        background.execute(() -> {
            try {
                Compaction.run(cache, room, n, keep);
                moved.accept(n);
            } catch (RuntimeException e) {
                // Compaction only saves space: the next checkpoint tries again.
            }
        });
    }

    void fenced(String room, ClusterRoomStore store, FencedException why) {
        stores.remove(room, store);
        onFenced.accept(room, why);
    }

    /** The cache manager stops with the cluster member; this stops the background work. */
    @Override
    public void close() {
        background.shutdownNow();
    }
}
