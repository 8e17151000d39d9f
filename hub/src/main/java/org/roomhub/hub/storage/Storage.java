package org.roomhub.hub.storage;

import java.io.IOException;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's durable store: one folder holding all rooms' data, crash-safe by construction (see
 * {@code docs/storage.md}). Open it once per hub with {@link #open(Path)}, hand out {@link #forRoom(String)},
 * and {@link #close()} it on shutdown. Thread-safe.
 *
 * <p>A storage error (disk full, I/O error) moves it to {@link StorageState#FAILED}: writes not yet
 * durable fail, later reads and writes throw {@link StorageFailedException}; nothing acknowledged is lost.
 */
public final class Storage implements AutoCloseable {

    private static final String LOCK_NAME = "LOCK";

    private final Path dir;
    private final Engine engine;
    private final RecoveryReport recovery;
    private final Closeable lock;
    private final Map<String, DefaultRoomStore> rooms = new ConcurrentHashMap<>();

    private Storage(Path dir, Engine engine, RecoveryReport recovery, Closeable lock) {
        this.dir = dir;
        this.engine = engine;
        this.recovery = recovery;
        this.lock = lock;
    }

    /** {@link #open(Path, StorageOptions)} with {@link StorageOptions#defaults()}. */
    public static Storage open(Path dir) throws IOException {
        return open(dir, StorageOptions.defaults());
    }

    /**
     * Opens the store in {@code dir} (created if missing): creates a fresh store, reopens a cleanly closed
     * one, or recovers after a crash (copy of the clean slot plus journal replay).
     *
     * @throws UnrecoverableStoreException if the files found cannot be recovered without risking
     *                                     acknowledged data; the message says what was found
     * @throws IOException                 on I/O errors, or if another process has the store open
     */
    public static Storage open(Path dir, StorageOptions options) throws IOException {
        return open(dir, options, JdkFileLayer.INSTANCE);
    }

    /** Opens the store with every file step going through {@code files} (tests: a simulated disk). */
    static Storage open(Path dir, StorageOptions options, FileLayer files) throws IOException {
        if (!files.exists(dir)) {
            files.createDirectories(dir);
            // A new folder's own entry is only durable once its parent is synced: else a power cut could
            // take the whole store, acknowledged writes included, with it.
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                files.syncDir(parent);
            }
        }
        Closeable lock = files.tryLock(dir.resolve(LOCK_NAME));
        if (lock == null) {
            throw new IOException("store " + dir + " is already open (locked by this or another process)");
        }
        try {
            StorageCounters counters = new StorageCounters();
            Recovery.Recovered recovered = new Recovery(files, dir, counters).run();
            Engine engine = new Engine(files, dir, options, counters, recovered);
            engine.start();
            return new Storage(dir, engine, recovered.report(), lock);
        } catch (IOException | RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /** The storage of room {@code roomId} (non-empty, no control characters, at most 256 UTF-8 bytes). */
    public RoomStore forRoom(String roomId) {
        DefaultRoomStore store = rooms.get(roomId);
        if (store == null) {
            RoomKeys keys = new RoomKeys(roomId); // validates before caching
            store = rooms.computeIfAbsent(roomId, id -> new DefaultRoomStore(engine, keys));
        }
        return store;
    }

    /**
     * The store of room {@code roomId} for reading: the one handed out if any, else one made for the caller and
     * not kept (so listing many untouched rooms does not keep a store each). Do not write through it.
     */
    public RoomStore peek(String roomId) {
        DefaultRoomStore store = rooms.get(roomId);
        return store != null ? store : new DefaultRoomStore(engine, new RoomKeys(roomId));
    }

    /**
     * Lets go of the store handed out for {@code roomId} when none of its writes is pending (the room's host
     * retired); the next {@link #forRoom} makes a fresh one. The caller makes sure nobody writes through the old one.
     */
    public void release(String roomId) {
        rooms.computeIfPresent(roomId, (id, store) -> store.idle() ? null : store);
    }

    /** Every room's stored alarm time (epoch ms), including alarms set before a restart. */
    public Map<String, Long> alarms() {
        engine.lifecycle.checkReadable();
        Map<String, Long> result = new TreeMap<>();
        Iterator<Map.Entry<byte[], byte[]>> it = engine.view.scan(RoomKeys.ALARM_START, RoomKeys.ALARM_END, false);
        while (it.hasNext()) {
            Map.Entry<byte[], byte[]> e = it.next();
            result.put(RoomKeys.roomOf(e.getKey()), DefaultRoomStore.decodeAlarm(e.getValue()).orElseThrow());
        }
        return Collections.unmodifiableMap(result);
    }

    /** Ids of the rooms that have any stored key or alarm. Cost grows with the number of rooms, not keys. */
    public Set<String> rooms() {
        engine.lifecycle.checkReadable();
        Set<String> candidates = new TreeSet<>(alarms().keySet());
        byte[] k = engine.view.slotCeilingKey(RoomKeys.DATA_START);
        while (k != null && k[0] == RoomKeys.DATA) {
            candidates.add(RoomKeys.roomOf(k));
            k = engine.view.slotCeilingKey(RoomKeys.nextRoomData(k));
        }
        // Data accepted but not yet in the slot (a store let go since: see release), checked like the rest below.
        for (byte[] key : engine.view.pending(RoomKeys.DATA_START, RoomKeys.DATA_END).keySet()) {
            candidates.add(RoomKeys.roomOf(key));
        }
        // Candidates come from the slot (skipping from room to room) and alarms; each is checked through the
        // overlay, which may hold a pending deleteAll. Rooms with only pending data are added from the handed-out stores.
        Set<String> result = new TreeSet<>();
        for (String room : candidates) {
            RoomKeys keys = new RoomKeys(room);
            if (engine.view.scan(keys.dataStart(), keys.dataEnd(), false).hasNext()
                    || engine.view.get(keys.alarmKey()) != null) {
                result.add(room);
            }
        }
        addPendingRooms(result);
        return Collections.unmodifiableSet(result);
    }

    private void addPendingRooms(Set<String> result) {
        for (String room : rooms.keySet()) {
            if (!result.contains(room)) {
                RoomKeys keys = rooms.get(room).keys();
                if (engine.view.scan(keys.dataStart(), keys.dataEnd(), false).hasNext()) {
                    result.add(room);
                }
            }
        }
    }

    /** Counters for metrics. */
    public StorageStats stats() {
        return engine.stats();
    }

    /** The current lifecycle state. */
    public StorageState state() {
        return engine.lifecycle.state();
    }

    /** What {@link #open} found and did. */
    public RecoveryReport recoveryReport() {
        return recovery;
    }

    /** The store folder. */
    public Path directory() {
        return dir;
    }

    /** Makes a checkpoint now on the calling thread (normally done in the background). */
    public void checkpoint() throws IOException {
        engine.lifecycle.checkWritable();
        engine.checkpointNow();
    }

    /**
     * Refuses new writes, waits until every accepted write is durable and applied, closes and fsyncs the
     * working slot and flags the clean shutdown in the pointer (so the next open skips recovery). Idempotent.
     *
     * @throws IOException if the final flush failed (the next open then recovers from the journal)
     */
    @Override
    public void close() throws IOException {
        try {
            engine.shutdown();
        } finally {
            lock.close();
        }
    }
}
