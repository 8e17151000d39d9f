package org.roomhub.hub.cluster.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.roomhub.hub.storage.ListOptions;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.RoomTransaction;
import org.roomhub.hub.storage.WriteSet;

/**
 * One room's storage in cluster mode. Reads are served from the host's materialised copy (read-your-writes
 * at once). Writes append to the room's log in the replicated {@code roomhub-rooms} cache: while one log
 * entry is in flight, later commits wait and then go together as the next entry (group commit per room),
 * so entries never race and a failed entry can never leave a gap under later ones. Each entry is ONE
 * putIfAbsent: it completes when both owners have it durably in their engine, or finds the number taken
 * (another member opened the room: this one is stale) and fails. After a failure every later write fails
 * with {@link FencedException}: the host must evict the room.
 */
final class ClusterRoomStore implements RoomStore {

    private final String room;
    private final ClusterStorage cluster;
    private final String writer;
    /** Writes issued (futures of this room), completed in order. */
    private final List<Pending> pending = new ArrayList<>();
    private RoomState state;
    private long next;
    private long head;
    private long sinceCheckpoint;
    /** Claims in this room's log since the head: compaction must keep them (see {@link Compaction}). */
    private java.util.NavigableSet<Long> claims = new java.util.TreeSet<>();
    private boolean inFlight;
    private FencedException broken;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    private record Pending(WriteSet writes, CompletableFuture<Void> done) {}

    ClusterRoomStore(String room, ClusterStorage cluster) {
        this.room = room;
        this.cluster = cluster;
        this.writer = cluster.self() + "/" + java.util.UUID.randomUUID();
    }

    @Override
    public String roomId() {
        return room;
    }

    /** Loads the room (remote reads and the claim) if not yet done; blocking, bounded by the cluster's timeouts. */
    synchronized RoomState loaded() {
        if (state == null) {
            RoomOpener.Opened o = RoomOpener.open(cluster.cache(), room, writer);
            state = o.state();
            next = o.next();
            head = o.head();
            claims = o.claims();
            sinceCheckpoint = next - 1 - head;
        }
        return state;
    }

    synchronized boolean isLoaded() {
        return state != null;
    }

    @Override
    public synchronized Optional<byte[]> get(String key) {
        return Optional.ofNullable(loaded().data().get(key)).map(byte[]::clone);
    }

    @Override
    public synchronized Map<String, byte[]> get(Collection<String> keys) {
        Map<String, byte[]> result = new LinkedHashMap<>();
        for (String k : keys) {
            get(k).ifPresent(v -> result.put(k, v));
        }
        return result;
    }

    @Override
    public synchronized SortedMap<String, byte[]> list(ListOptions o) {
        NavigableMap<String, byte[]> view = loaded().data();
        if (o.start() != null) {
            view = view.tailMap(o.start(), true);
        }
        if (o.end() != null) {
            view = view.headMap(o.end(), false);
        }
        if (o.reverse()) {
            view = view.descendingMap();
        }
        TreeMap<String, byte[]> result = new TreeMap<>(o.reverse() ? RoomState.ORDER.reversed() : RoomState.ORDER);
        for (Map.Entry<String, byte[]> e : view.entrySet()) {
            if (result.size() >= o.limit()) {
                break;
            }
            if (o.prefix() == null || e.getKey().startsWith(o.prefix())) {
                result.put(e.getKey(), e.getValue().clone());
            }
        }
        return result;
    }

    @Override
    public CompletableFuture<Void> put(String key, byte[] value) {
        return put(Map.of(key, value));
    }

    @Override
    public CompletableFuture<Void> put(Map<String, byte[]> entries) {
        WriteSet w = new WriteSet();
        entries.forEach(w::put);
        return commit(w);
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
        return delete(List.of(key));
    }

    @Override
    public CompletableFuture<Void> delete(Collection<String> keys) {
        WriteSet w = new WriteSet();
        keys.forEach(w::delete);
        return commit(w);
    }

    @Override
    public synchronized CompletableFuture<Void> transaction(Consumer<RoomTransaction> body) {
        StoreTransaction tx = new StoreTransaction(this);
        body.accept(tx);
        return tx.rolledBack() ? durable() : commit(tx.writes());
    }

    @Override
    public synchronized CompletableFuture<Void> deleteAll() {
        WriteSet w = new WriteSet();
        loaded().data().keySet().forEach(w::delete);
        return commit(w);
    }

    @Override
    public synchronized CompletableFuture<Void> deleteRoom() {
        WriteSet w = new WriteSet();
        loaded().data().keySet().forEach(w::delete);
        w.setAlarm(OptionalLong.empty());
        return commit(w);
    }

    @Override
    public synchronized Optional<Long> getAlarm() {
        return Optional.ofNullable(loaded().alarm());
    }

    @Override
    public CompletableFuture<Void> setAlarm(long epochMillis) {
        WriteSet w = new WriteSet();
        w.setAlarm(OptionalLong.of(epochMillis));
        return commit(w);
    }

    @Override
    public CompletableFuture<Void> deleteAlarm() {
        WriteSet w = new WriteSet();
        w.setAlarm(OptionalLong.empty());
        return commit(w);
    }

    @Override
    public synchronized CompletableFuture<Void> durable() {
        return last;
    }

    @Override
    public synchronized long approximateBytes() {
        long total = 0;
        for (Map.Entry<String, byte[]> e : loaded().data().entrySet()) {
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
        }
        return total;
    }

    @Override
    public synchronized CompletableFuture<Void> commit(WriteSet writes) {
        if (broken != null) {
            return CompletableFuture.failedFuture(broken);
        }
        Limits.check(writes);
        loaded();
        if (writes.isEmpty()) {
            return last;
        }
        WriteSet copy = copyOf(writes);
        state.apply(copy);
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(new Pending(copy, done));
        last = done;
        if (!inFlight) {
            flush();
        }
        return done;
    }

    /** Sends every waiting commit as the next log entry (or a checkpoint of the whole room). Holds the lock. */
    private void flush() {
        if (pending.isEmpty()) {
            inFlight = false;
            return;
        }
        inFlight = true;
        List<Pending> batch = List.copyOf(pending);
        pending.clear();
        if (!cluster.hasQuorum()) {
            fail(batch, new FencedException("room " + room + ": this member has no majority of the cluster", null));
            return;
        }
        long n = next++;
        boolean checkpoint = ++sinceCheckpoint >= cluster.checkpointEvery();
        byte[] value = checkpoint ? LogEntry.checkpoint(writer, state)
                : LogEntry.commit(writer, batch.stream().map(Pending::writes).toList());
        if (checkpoint) {
            sinceCheckpoint = 0;
        }
        CompletableFuture<Object> put;
        try {
            put = cluster.writeCache().putIfAbsentAsync(RoomLog.entry(room, n), value);
        } catch (RuntimeException e) { // e.g. refused at once on a degraded partition
            put = CompletableFuture.failedFuture(e);
        }
        put.whenComplete((previous, error) -> {
            if (error == null && (previous == null || previous instanceof byte[] b && Arrays.equals(b, value))) {
                batch.forEach(p -> p.done().complete(null));
                if (checkpoint) {
                    java.util.Set<Long> keep;
                    synchronized (this) {
                        keep = java.util.Set.copyOf(claims.headSet(n));
                    }
                    cluster.compact(room, n, keep, this::headMoved);
                }
                synchronized (this) {
                    flush();
                }
            } else {
                FencedException why = error != null
                        ? new FencedException("room " + room + ": the cluster write of log entry " + n + " failed: " + error.getMessage(), error)
                        : new FencedException("room " + room + ": log entry " + n + " was taken by " + LogEntry.decode((byte[]) previous).writer()
                                + " — another member opened the room, this host is stale", null);
                synchronized (this) {
                    fail(batch, why);
                }
            }
        });
    }

    private synchronized void headMoved(long checkpoint) {
        head = Math.max(head, checkpoint);
    }

    /** Fails a batch and everything after it; the room's store stays broken (the host must evict it). */
    private void fail(List<Pending> batch, FencedException why) {
        broken = why;
        inFlight = false;
        List<Pending> all = new ArrayList<>(batch);
        all.addAll(pending);
        pending.clear();
        all.forEach(p -> p.done().completeExceptionally(why));
        cluster.fenced(room, this, why);
    }

    private static WriteSet copyOf(WriteSet w) {
        WriteSet c = new WriteSet();
        w.deletes().forEach(c::delete);
        w.puts().forEach((k, v) -> c.put(k, v.clone()));
        w.alarm().ifPresent(c::setAlarm);
        return c;
    }
}
