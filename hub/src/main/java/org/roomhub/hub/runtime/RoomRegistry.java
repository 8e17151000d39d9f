package org.roomhub.hub.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.roomhub.hub.room.RoomType;
import org.roomhub.hub.runtime.seam.RoomPort;
import org.roomhub.hub.runtime.seam.SessionPort;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Every room of the hub, created on first use (the same address always reaches the same host,
 * like {@code idFromName}). Owns the pool rooms run on and the ticker that queues idle checks.
 */
public final class RoomRegistry {

    /** How the registry runs rooms. */
    public record Settings(Duration hibernateAfter, int queueCapacity, int threads) {}

    private final RoomTypes types;
    private final StoragePort storage;
    private final ConcurrentHashMap<RoomAddress, RoomHost> hosts = new ConcurrentHashMap<>();
    /**
     * Rooms found in storage at start and not used since: only their address is held (~0.1 KB, against
     * ~3 KB for a host), the host is built on first use. Listings read their figures from storage.
     */
    private final java.util.Set<RoomAddress> dormant = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final HostServices services;
    private final RoomPort port = new LocalRooms(this);
    /** Whether a room's alarm may fire here: always on one hub; in a cluster, set to "this member holds its epoch". */
    private volatile java.util.function.Predicate<RoomAddress> runsHere = a -> true;
    /** Whether quiet hibernated rooms go back to the dormant set: on a single hub (a cluster re-arms alarms through hosts). */
    private volatile boolean retires = true;

    /** A registry over {@code storage}, sending through the edge's {@code sessions}; call {@link #start()} before use. */
    public RoomRegistry(RoomTypes types, StoragePort storage, SessionPort sessions, Clock clock, FrameCodec codec,
            RoomListener listener, Settings settings) {
        this.types = types;
        this.storage = storage;
        this.pool = Executors.newFixedThreadPool(settings.threads(), named("roomhub-room-"));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, named("roomhub-timer-"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.services = new HostServices(clock, codec, pool, timer, new Tunables(settings.hibernateAfter()),
                settings.queueCapacity(), listener, sessions, a -> runsHere.test(a), this);
    }

    /** Knows the stored rooms (hibernated; hosts built on first use), re-arms stored alarms, starts the idle ticker. */
    public void start() {
        for (String room : storage.rooms()) {
            parse(room).ifPresent(dormant::add);
        }
        storage.alarms().keySet().forEach(room -> parse(room).ifPresent(a -> open(a).restoreAlarm()));
        long tick = 50;
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    private Optional<RoomAddress> parse(String room) {
        try {
            RoomAddress a = RoomAddress.parse(room);
            // The registered type's own name string: one per type, not one per stored room.
            return types.get(a.type()).map(t -> new RoomAddress(t.name(), a.name()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void tick() {
        long now = services.clock().millis();
        for (RoomHost h : hosts.values()) {
            h.tick(now);
        }
    }

    /** The room at {@code address}, created (hibernated) on first use; the type must be registered. */
    public RoomHost open(RoomAddress address) {
        RoomHost host = hosts.computeIfAbsent(address, a -> new RoomHost(a, type(a), services, storage.room(a)));
        if (dormant.contains(address)) {
            // After the host is in (a listing meanwhile sees the room once or twice, never not at all), and only while
            // it is still this host: one that retired meanwhile left the room dormant again.
            hosts.computeIfPresent(address, (a, h) -> {
                if (h == host) {
                    dormant.remove(a);
                }
                return h;
            });
        }
        return host;
    }

    /** Whether quiet hibernated rooms retire to the dormant set here. */
    boolean retires() {
        return retires;
    }

    /**
     * On {@code host}'s queue: the quiet room is held as a dormant address again and its store let go, unless
     * another host took its place. Atomic with {@link #open}'s making of a host, so the next use builds a fresh
     * one over a fresh store. True when retired.
     */
    boolean retire(RoomAddress address, RoomHost host) {
        boolean[] retired = new boolean[1];
        hosts.computeIfPresent(address, (a, h) -> {
            if (h != host || !retires) {
                return h;
            }
            dormant.add(a); // before the host is gone: a listing sees the room throughout
            storage.release(a);
            retired[0] = true;
            return null;
        });
        return retired[0];
    }

    private RoomType type(RoomAddress a) {
        return types.get(a.type()).orElseThrow(() -> new IllegalArgumentException("unknown room type " + a.type()));
    }

    /** The room at {@code address} if it exists (a dormant room's host is built now). */
    public Optional<RoomHost> find(RoomAddress address) {
        RoomHost host = hosts.get(address);
        if (host == null && dormant.contains(address)) {
            host = open(address);
        }
        return Optional.ofNullable(host);
    }

    /**
     * Every known room. A dormant room is listed by a host made for the listing alone (its figures read
     * from storage, never registered, so no event reaches it) and left to the garbage collector.
     */
    public Collection<RoomHost> all() {
        List<RoomHost> out = new ArrayList<>(hosts.values());
        for (RoomAddress a : dormant) {
            if (!hosts.containsKey(a)) {
                out.add(new RoomHost(a, type(a), services, storage.peek(a)));
            }
        }
        return out;
    }

    /** How many rooms are dormant (known from storage, host not built). */
    public int dormantCount() {
        return dormant.size();
    }

    /**
     * Deletes a room: its clients are closed with {@code code}, then its data and alarm are deleted durably and
     * the address forgotten, so the next use starts a fresh room. Empty when no such room is known.
     */
    public Optional<CompletableFuture<Void>> delete(RoomAddress address, int code, String reason) {
        RoomHost host = find(address).orElse(null);
        if (host == null) {
            return Optional.empty();
        }
        return Optional.of(host.delete(code, reason).thenComposeAsync(deleted -> deleted
                ? storage.delete(address).whenComplete((v, e) -> hosts.remove(address, host))
                : delete(address, code, reason).orElseGet(() -> CompletableFuture.completedFuture(null)), pool));
    }

    /**
     * Forgets a room another member took over (cluster mode): its sessions are told to move, and a
     * later use here makes a fresh host from storage. False when the room was not here.
     */
    public boolean evict(RoomAddress address) {
        boolean wasDormant = dormant.remove(address);
        RoomHost host = hosts.remove(address);
        if (host != null) {
            host.evict();
        }
        return host != null || wasDormant;
    }

    /** Cluster mode: alarms fire only for rooms {@code test} says this member runs (the room's current host). */
    public void runsHere(java.util.function.Predicate<RoomAddress> test) {
        this.runsHere = test;
        this.retires = false;
    }

    /** Cluster mode: this member took the room's epoch; its stored alarm is armed here (the host is the one that fires it). */
    public void activated(RoomAddress address) {
        open(address).restoreAlarm();
    }

    /** Rooms with a stored alarm (cluster mode: the ones a member must host even without clients). */
    public java.util.Set<RoomAddress> alarmRooms() {
        java.util.Set<RoomAddress> out = new java.util.HashSet<>();
        storage.alarms().keySet().forEach(room -> parse(room).ifPresent(out::add));
        return out;
    }

    /** The host's side of the seam: how the edge reaches these rooms. */
    public RoomPort port() {
        return port;
    }

    /** The current hibernation delay. */
    public Duration hibernateAfter() {
        return services.tunables().hibernateAfter();
    }

    /** Changes the hibernation delay for every room. */
    public void hibernateAfter(Duration delay) {
        services.tunables().hibernateAfter(delay);
    }

    /** The registered room types. */
    public RoomTypes types() {
        return types;
    }

    /** Lets queued events finish, closes every session with {@code code}, stops the threads. */
    public void shutdown(int code, String reason, Duration wait) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (RoomHost h : hosts.values()) {
            done.add(h.shutdown(code, reason));
        }
        try {
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Rooms still busy after the wait are cut off; what they acknowledged is already durable.
        }
        timer.shutdownNow();
        pool.shutdown();
        try {
            pool.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
