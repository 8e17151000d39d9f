package org.roomhub.hub.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The small checksummed file {@code pointer} naming the clean slot. Replacing it (temp file, fsync,
 * rename, folder fsync) is the commit point of a checkpoint. Layout (big-endian, 48 bytes):
 * <pre>
 * magic "RHPT":u32  version=1:u32  cleanSeq:u64  cleanLength:u64  cleanCrc32c:u32  flags:u32
 * workingSeq:u64  crc32c(previous 40 bytes):u32  pad:u32
 * </pre>
 * {@code flags & 1} (clean shutdown): the working slot was closed by MapDB and fsynced holding exactly
 * the records up to {@code workingSeq}, so it may be opened directly.
 */
final class PointerFile {

    static final String NAME = "pointer";
    static final String TEMP_NAME = "pointer.tmp";
    private static final int MAGIC = 0x52485054; // "RHPT"
    private static final int VERSION = 1;
    private static final int SIZE = 48;
    private static final int FLAG_CLEAN_SHUTDOWN = 1;

    private PointerFile() {
    }

    /** Content of the pointer file. */
    record Pointer(long cleanSeq, long cleanLength, int cleanCrc, boolean cleanShutdown, long workingSeq) {

        /** Name of the clean slot file this pointer names. */
        String cleanFileName() {
            return cleanFileName(cleanSeq);
        }

        static String cleanFileName(long seq) {
            return String.format("clean-%020d.db", seq);
        }

        Pointer withCleanShutdown(long seq) {
            return new Pointer(cleanSeq, cleanLength, cleanCrc, true, seq);
        }

        Pointer withoutCleanShutdown() {
            return new Pointer(cleanSeq, cleanLength, cleanCrc, false, 0);
        }
    }

    static boolean exists(FileLayer files, Path dir) {
        return files.exists(dir.resolve(NAME));
    }

    /** Reads and verifies the pointer; a damaged pointer is unrecoverable (it is the only root). */
    static Pointer read(FileLayer files, Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        byte[] bytes = files.readAll(file);
        if (bytes.length != SIZE) {
            throw new UnrecoverableStoreException("pointer file " + file + " is " + bytes.length
                    + " bytes, expected " + SIZE + "; it names the clean slot, so the store cannot be recovered");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 40);
        int magic = b.getInt(0);
        int version = b.getInt(4);
        if (magic != MAGIC || version != VERSION || b.getInt(40) != (int) crc.getValue()) {
            throw new UnrecoverableStoreException(String.format(
                    "pointer file %s is damaged (magic %08x, version %d, checksum %s); it names the clean slot, "
                            + "so the store cannot be recovered", file, magic, version,
                    b.getInt(40) == (int) crc.getValue() ? "ok" : "mismatch"));
        }
        return new Pointer(b.getLong(8), b.getLong(16), b.getInt(24), (b.getInt(28) & FLAG_CLEAN_SHUTDOWN) != 0,
                b.getLong(32));
    }

    /** Durably replaces the pointer: write temp, fsync, rename over, fsync folder. */
    static void write(FileLayer files, Path dir, Pointer p, StorageCounters counters) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putInt(MAGIC).putInt(VERSION).putLong(p.cleanSeq()).putLong(p.cleanLength()).putInt(p.cleanCrc())
                .putInt(p.cleanShutdown() ? FLAG_CLEAN_SHUTDOWN : 0).putLong(p.workingSeq());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 40);
        b.putInt((int) crc.getValue()).putInt(0).flip();
        Path temp = dir.resolve(TEMP_NAME);
        try (FileLayer.Handle ch = files.open(temp, FileLayer.Mode.REPLACE)) {
            ch.write(b);
            ch.force(true);
            counters.fsync();
        }
        FailPoints.reach(FailPoints.Point.POINTER_TEMP_WRITTEN);
        files.rename(temp, dir.resolve(NAME));
        FailPoints.reach(FailPoints.Point.POINTER_RENAMED);
        FileOps.fsyncDir(files, dir, counters);
    }
}
