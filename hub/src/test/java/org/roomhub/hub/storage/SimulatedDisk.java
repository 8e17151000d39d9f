package org.roomhub.hub.storage;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * A {@link FileLayer} that models a disk with a volatile cache, for power-loss tests (like SQLite's crash
 * test VFS). Every step really happens in one real folder (what the running process sees: the page
 * cache), and the disk remembers what is <em>durable</em>: a file's bytes once it was forced, the folder's
 * entries once the folder was synced. Since then, each write, truncate, create, rename and delete is
 * volatile. {@link #snapshot()} captures that state; {@link Image#materialize} builds one possible disk
 * after a power cut in which each volatile change is independently kept, dropped or (a write) torn at
 * 512-byte boundaries, chosen by a seeded random generator.
 *
 * <p>Files MapDB memory-maps ({@link #mapped}) are written behind this layer's back: their bytes are
 * modelled per 512-byte sector as either the content at their last force or the content at the crash,
 * and their length as either. Only one folder is modelled (the store's); the {@code LOCK} file is not
 * (its content and existence carry nothing). Reads are not counted as operations: they change nothing.
 */
final class SimulatedDisk implements FileLayer {

    static final int SECTOR = 512;
    private static final String LOCK_NAME = "LOCK";

    /** A file's identity, surviving renames. {@code durable} is never modified in place. */
    private static final class Inode {
        byte[] durable = new byte[0];
        final List<Change> pending = new ArrayList<>();
        boolean mapped;
    }

    /** A volatile change of a file's content. */
    private sealed interface Change permits Write, Truncate {
    }

    private record Write(long offset, byte[] data) implements Change {
    }

    private record Truncate(long size) implements Change {
    }

    /** A volatile change of the folder. */
    private sealed interface DirChange permits Create, Rename, Delete {
    }

    private record Create(String name, Inode inode) implements DirChange {
    }

    private record Rename(String from, String to) implements DirChange {
    }

    private record Delete(String name) implements DirChange {
    }

    private final Path dir;
    private final Map<String, Inode> live = new HashMap<>();
    private Map<String, Inode> durableDir = new HashMap<>();
    private final List<DirChange> pendingDir = new ArrayList<>();
    private long operations;
    /** Operations by kind (write, force, truncate, create, rename, delete, syncDir), for reports. */
    private final Map<String, Integer> kinds = new java.util.TreeMap<>();
    private volatile LongConsumer beforeOperation = n -> { };
    private volatile boolean crashed;

    /** A disk over {@code dir}, whose present files all count as durable. */
    SimulatedDisk(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        Files.createDirectories(this.dir);
        for (Path f : list(this.dir)) {
            String name = f.getFileName().toString();
            if (!name.equals(LOCK_NAME)) {
                Inode inode = new Inode();
                inode.durable = Files.readAllBytes(f);
                live.put(name, inode);
            }
        }
        durableDir = new HashMap<>(live);
    }

    /**
     * Calls {@code hook} with the operation's number (from 1) before every state-changing operation
     * (write, truncate, create, rename, delete, force, folder sync), holding the disk: the hook sees the
     * state after all earlier operations and none later.
     */
    void beforeEachOperation(LongConsumer hook) {
        this.beforeOperation = hook;
    }

    /** From now on every state-changing operation fails, as after a power cut (the process is gone). */
    void cutPower() {
        crashed = true;
    }

    synchronized long operations() {
        return operations;
    }

    synchronized Map<String, Integer> operationKinds() {
        return new java.util.TreeMap<>(kinds);
    }

    private void step(String kind) throws IOException {
        kinds.merge(kind, 1, Integer::sum);
        if (crashed) {
            throw new IOException("simulated power cut: the disk is gone");
        }
        beforeOperation.accept(++operations);
        if (crashed) {
            throw new IOException("simulated power cut: the disk is gone");
        }
    }

    private String name(Path file) {
        Path abs = file.toAbsolutePath();
        if (!abs.getParent().equals(dir)) {
            throw new IllegalArgumentException(file + " is outside the simulated folder " + dir);
        }
        return abs.getFileName().toString();
    }

    private Inode inode(String name) throws IOException {
        Inode inode = live.get(name);
        if (inode == null) {
            throw new java.nio.file.NoSuchFileException(dir.resolve(name).toString());
        }
        return inode;
    }

    // ---- FileLayer -------------------------------------------------------------------------------

    @Override
    public synchronized Handle open(Path file, Mode mode) throws IOException {
        String name = name(file);
        Path real = dir.resolve(name);
        switch (mode) {
            case READ -> {
                return new SimHandle(inode(name), FileChannel.open(real, StandardOpenOption.READ));
            }
            case WRITE_EXISTING -> {
                return new SimHandle(inode(name), FileChannel.open(real, StandardOpenOption.READ, StandardOpenOption.WRITE));
            }
            case CREATE_NEW -> {
                step(name.startsWith("journal-") ? "create segment" : "create");
                FileChannel ch = FileChannel.open(real, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                return new SimHandle(create(name), ch);
            }
            case REPLACE -> {
                step("create or truncate");
                Inode inode = live.get(name);
                if (inode == null) {
                    inode = create(name);
                } else {
                    inode.pending.add(new Truncate(0));
                }
                return new SimHandle(inode, FileChannel.open(real, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
            }
            default -> throw new IllegalArgumentException(mode.toString());
        }
    }

    private Inode create(String name) {
        Inode inode = new Inode();
        live.put(name, inode);
        pendingDir.add(new Create(name, inode));
        return inode;
    }

    @Override
    public synchronized void rename(Path from, Path to) throws IOException {
        step("rename");
        String a = name(from);
        String b = name(to);
        Inode inode = inode(a);
        Files.move(dir.resolve(a), dir.resolve(b), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        live.remove(a);
        live.put(b, inode);
        pendingDir.add(new Rename(a, b));
    }

    @Override
    public synchronized boolean delete(Path file) throws IOException {
        String name = name(file);
        if (!live.containsKey(name)) {
            return false;
        }
        step("delete");
        Files.delete(dir.resolve(name));
        live.remove(name);
        pendingDir.add(new Delete(name));
        return true;
    }

    @Override
    public synchronized void syncDir(Path folder) throws IOException {
        if (!folder.toAbsolutePath().equals(dir)) {
            return; // only the store folder is modelled (its parent's entry for it counts as durable)
        }
        step("sync folder");
        durableDir = new HashMap<>(live);
        pendingDir.clear();
    }

    @Override
    public void createDirectories(Path folder) throws IOException {
        Files.createDirectories(folder);
    }

    @Override
    public Closeable tryLock(Path file) throws IOException {
        return JdkFileLayer.INSTANCE.tryLock(file);
    }

    @Override
    public synchronized File mapped(Path file) {
        String name = name(file);
        Inode inode = live.get(name);
        if (inode == null) {
            inode = create(name); // MapDB creates it
        }
        inode.mapped = true;
        return dir.resolve(name).toFile();
    }

    /** An open file: real channel plus the record of its volatile changes. */
    private final class SimHandle implements Handle {
        private final Inode inode;
        private final FileChannel channel;

        SimHandle(Inode inode, FileChannel channel) {
            this.inode = inode;
            this.channel = channel;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return channel.read(dst);
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            synchronized (SimulatedDisk.this) {
                step("write");
                long offset = channel.position();
                byte[] data = new byte[src.remaining()];
                src.duplicate().get(data);
                while (src.hasRemaining()) {
                    channel.write(src);
                }
                inode.pending.add(new Write(offset, data));
            }
        }

        @Override
        public void force(boolean metadata) throws IOException {
            synchronized (SimulatedDisk.this) {
                step("force");
                // What the process sees now (page cache, including MapDB's mapped writes) becomes durable.
                long size = channel.size();
                byte[] all = new byte[Math.toIntExact(size)];
                ByteBuffer b = ByteBuffer.wrap(all);
                while (b.hasRemaining() && channel.read(b, b.position()) >= 0) {
                    // reads until full
                }
                inode.durable = all;
                inode.pending.clear();
            }
        }

        @Override
        public void truncate(long size) throws IOException {
            synchronized (SimulatedDisk.this) {
                step("truncate");
                channel.truncate(size);
                inode.pending.add(new Truncate(size));
            }
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    // ---- crash images ------------------------------------------------------------------------------

    /** Captures the durable state and every volatile change since, as at a power cut now. */
    synchronized Image snapshot() throws IOException {
        Map<Inode, FrozenInode> frozen = new IdentityHashMap<>();
        Map<String, FrozenInode> durable = new HashMap<>();
        for (Map.Entry<String, Inode> e : durableDir.entrySet()) {
            durable.put(e.getKey(), freeze(e.getValue(), frozen));
        }
        List<Object> changes = new ArrayList<>();
        for (DirChange c : pendingDir) {
            if (c instanceof Create cr) {
                changes.add(new FrozenCreate(cr.name(), freeze(cr.inode(), frozen)));
            } else {
                changes.add(c);
            }
        }
        return new Image(durable, changes);
    }

    private FrozenInode freeze(Inode inode, Map<Inode, FrozenInode> frozen) throws IOException {
        FrozenInode f = frozen.get(inode);
        if (f == null) {
            byte[] now = null;
            if (inode.mapped) {
                String name = null;
                for (Map.Entry<String, Inode> e : live.entrySet()) {
                    if (e.getValue() == inode) {
                        name = e.getKey();
                    }
                }
                now = name == null || !Files.exists(dir.resolve(name)) ? inode.durable : Files.readAllBytes(dir.resolve(name));
            }
            f = new FrozenInode(inode.durable, List.copyOf(inode.pending), now);
            frozen.put(inode, f);
        }
        return f;
    }

    private record FrozenInode(byte[] durable, List<Change> pending, byte[] mappedNow) {
    }

    private record FrozenCreate(String name, FrozenInode inode) {
    }

    /** One power cut: the durable state and the volatile changes; each materialization decides their fate. */
    static final class Image {
        private final Map<String, FrozenInode> durable;
        private final List<Object> changes;

        private Image(Map<String, FrozenInode> durable, List<Object> changes) {
            this.durable = durable;
            this.changes = changes;
        }

        /** How many volatile changes this image holds (folder changes plus file changes). */
        int volatileChanges() {
            int n = changes.size();
            for (FrozenInode f : durable.values()) {
                n += f.pending().size();
            }
            return n;
        }

        /**
         * Writes one possible post-crash disk into the empty folder {@code target}: each folder change kept
         * or dropped, each content change kept, dropped or torn, independently, as drawn from {@code seed}
         * (through {@link SplittableRandom}, whose seeds are well mixed: nearby seeds give unrelated draws).
         */
        void materialize(long seed, Path target) throws IOException {
            SplittableRandom random = new SplittableRandom(seed);
            Map<String, FrozenInode> entries = new HashMap<>(durable);
            for (Object c : changes) {
                if (!random.nextBoolean()) {
                    continue; // this folder change was lost
                }
                if (c instanceof FrozenCreate cr) {
                    entries.put(cr.name(), cr.inode());
                } else if (c instanceof Rename r) {
                    FrozenInode moved = entries.remove(r.from());
                    if (moved != null) {
                        entries.put(r.to(), moved);
                    }
                } else if (c instanceof Delete d) {
                    entries.remove(d.name());
                }
            }
            Files.createDirectories(target);
            Map<FrozenInode, byte[]> contents = new IdentityHashMap<>();
            for (Map.Entry<String, FrozenInode> e : entries.entrySet()) {
                byte[] content = contents.computeIfAbsent(e.getValue(), f -> resolve(f, random));
                Files.write(target.resolve(e.getKey()), content);
            }
        }

        private static byte[] resolve(FrozenInode f, SplittableRandom random) {
            if (f.mappedNow() != null) {
                return resolveMapped(f.durable(), f.mappedNow(), random);
            }
            Bytes b = new Bytes(f.durable());
            for (Change c : f.pending()) {
                int fate = random.nextInt(3); // 0 kept, 1 lost, 2 torn
                if (c instanceof Truncate t) {
                    if (fate != 1) {
                        b.truncate(t.size());
                    }
                } else if (c instanceof Write w) {
                    if (fate == 0) {
                        b.write(w.offset(), w.data(), 0, w.data().length);
                    } else if (fate == 2) {
                        // Each piece between 512-byte boundaries of the file is independently written or not.
                        long pos = w.offset();
                        long end = w.offset() + w.data().length;
                        while (pos < end) {
                            long next = Math.min(end, (pos / SECTOR + 1) * SECTOR);
                            if (random.nextBoolean()) {
                                b.write(pos, w.data(), (int) (pos - w.offset()), (int) (next - pos));
                            }
                            pos = next;
                        }
                    }
                }
            }
            return b.toArray();
        }

        /** A mapped file: its length and each 512-byte sector either as last forced or as at the crash. */
        private static byte[] resolveMapped(byte[] forced, byte[] now, SplittableRandom random) {
            int length = random.nextBoolean() ? forced.length : now.length;
            byte[] out = new byte[length];
            for (int pos = 0; pos < length; pos += SECTOR) {
                byte[] from = random.nextBoolean() ? forced : now;
                int n = Math.max(0, Math.min(Math.min(SECTOR, length - pos), from.length - pos));
                if (n > 0) {
                    System.arraycopy(from, pos, out, pos, n);
                }
            }
            return out;
        }
    }

    /** A growable byte array with file semantics (writes past the end leave zeros between). */
    private static final class Bytes {
        private byte[] data;
        private int size;

        Bytes(byte[] initial) {
            data = initial.clone();
            size = initial.length;
        }

        void write(long offset, byte[] src, int from, int length) {
            int end = Math.toIntExact(offset + length);
            if (end > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(end, data.length * 2));
            }
            if (offset > size) {
                java.util.Arrays.fill(data, size, (int) offset, (byte) 0);
            }
            System.arraycopy(src, from, data, (int) offset, length);
            size = Math.max(size, end);
        }

        void truncate(long newSize) {
            if (newSize < size) {
                size = (int) newSize;
            } else if (newSize > size) {
                write(newSize, new byte[0], 0, 0);
                size = (int) newSize;
            }
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
