package org.roomhub.hub.storage;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file step the engine takes, in one place: the JDK in production ({@link JdkFileLayer}), a
 * simulated disk with a volatile cache in the power-loss tests. Data written through a {@link Handle} and
 * every name change (create, rename, delete, truncate) may be lost at a power cut until the file's
 * {@link Handle#force} or the folder's {@link #syncDir}; the engine only relies on what it synced.
 */
interface FileLayer {

    /** How {@link #open} opens a file. */
    enum Mode {
        /** Read only; the file must exist. */
        READ,
        /** Write; the file must not exist yet (it is created). */
        CREATE_NEW,
        /** Write; the file must exist (its content is kept). */
        WRITE_EXISTING,
        /** Write; created if missing, emptied if present. */
        REPLACE
    }

    /** An open file with a position (starting at 0) for sequential reads and writes. */
    interface Handle extends Closeable {
        /** Reads from the position into {@code dst}; -1 at the end. */
        int read(ByteBuffer dst) throws IOException;

        /** Writes all of {@code src} at the position. */
        void write(ByteBuffer src) throws IOException;

        /** fsync ({@code metadata}) or fdatasync: what was written is durable when this returns. */
        void force(boolean metadata) throws IOException;

        /** Cuts the file to {@code size} bytes. */
        void truncate(long size) throws IOException;

        long size() throws IOException;
    }

    Handle open(Path file, Mode mode) throws IOException;

    // Reads change nothing a crash could lose, so every layer reads the real files alike.

    default byte[] readAll(Path file) throws IOException {
        return java.nio.file.Files.readAllBytes(file);
    }

    default boolean exists(Path file) {
        return java.nio.file.Files.exists(file);
    }

    default long size(Path file) throws IOException {
        return java.nio.file.Files.size(file);
    }

    /** Atomically renames {@code from} to {@code to} in one folder, replacing {@code to}. */
    void rename(Path from, Path to) throws IOException;

    /** Deletes {@code file}; returns false if it did not exist. */
    boolean delete(Path file) throws IOException;

    /** The entries of {@code dir}, sorted by name. */
    default List<Path> list(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** fsync of a folder: its created, renamed and deleted entries are durable when this returns. */
    void syncDir(Path dir) throws IOException;

    void createDirectories(Path dir) throws IOException;

    /**
     * Takes the store's exclusive lock file; returns null if another holder has it. Closing the result
     * releases it.
     */
    Closeable tryLock(Path file) throws IOException;

    /**
     * Declares a file that MapDB memory-maps and writes itself, bypassing this layer; returns the file to
     * hand to MapDB. Its bytes count as volatile until this layer forces it (or copies over it and forces).
     */
    File mapped(Path file);
}
