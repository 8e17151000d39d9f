package org.roomhub.hub.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/** File-system steps with explicit durability, over a {@link FileLayer}: fsync of files and folders, checksummed copies. */
final class FileOps {

    private static final int COPY_BUFFER = 1 << 20;

    private FileOps() {
    }

    /** fsync of a folder, so that created, renamed and deleted entries in it are durable. */
    static void fsyncDir(FileLayer files, Path dir, StorageCounters counters) throws IOException {
        files.syncDir(dir);
        counters.fsync();
    }

    /** fsync of a file's data and metadata. */
    static void fsyncFile(FileLayer files, Path file, StorageCounters counters) throws IOException {
        try (FileLayer.Handle h = files.open(file, FileLayer.Mode.WRITE_EXISTING)) {
            h.force(true);
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
    static CopyResult copy(FileLayer files, Path source, Path target, StorageCounters counters) throws IOException {
        CRC32C crc = new CRC32C();
        long total = 0;
        ByteBuffer buf = ByteBuffer.allocateDirect(COPY_BUFFER);
        try (FileLayer.Handle in = files.open(source, FileLayer.Mode.READ);
             FileLayer.Handle out = files.open(target, FileLayer.Mode.REPLACE)) {
            while (true) {
                buf.clear();
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                buf.flip();
                crc.update(buf.duplicate());
                out.write(buf);
                total += n;
            }
            out.force(true);
            counters.fsync();
        }
        return new CopyResult(total, (int) crc.getValue());
    }
}
