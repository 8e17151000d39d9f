package org.roomhub.hub.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** File-system steps with explicit durability: fsync of files and folders, checksummed copies. */
final class FileOps {

    private static final int COPY_BUFFER = 1 << 20;

    private FileOps() {
    }

    /** fsync of a folder, so that created, renamed and deleted entries in it are durable. */
    static void fsyncDir(Path dir, StorageCounters counters) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
        counters.fsync();
    }

    /** fsync of a file's data and metadata. */
    static void fsyncFile(Path file, StorageCounters counters) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        counters.fsync();
    }

    /** Result of {@link #copy}: bytes copied and the CRC32C of them. */
    record CopyResult(long length, int crc) {
    }

    /**
     * Copies {@code source} to {@code target} (replacing it), computing the CRC32C of the bytes on the way,
     * and fsyncs the target. The source is read through the page cache, so it sees writes made through a
     * shared memory map of it.
     */
    static CopyResult copy(Path source, Path target, StorageCounters counters) throws IOException {
        CRC32C crc = new CRC32C();
        long total = 0;
        ByteBuffer buf = ByteBuffer.allocateDirect(COPY_BUFFER);
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            while (true) {
                buf.clear();
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                buf.flip();
                crc.update(buf.duplicate());
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                total += n;
            }
            out.force(true);
            counters.fsync();
        }
        return new CopyResult(total, (int) crc.getValue());
    }

    /** Atomic rename within one folder (the folder must be fsynced afterwards to make it durable). */
    static void rename(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
