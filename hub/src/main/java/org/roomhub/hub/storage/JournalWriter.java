package org.roomhub.hub.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends group commits to journal segments: one {@code write} and one {@code fdatasync} per group,
 * starting a new segment (created, then folder fsynced before anything in it is acknowledged) once the
 * current one reaches the segment size. Used by the group committer thread only.
 */
final class JournalWriter implements Closeable {

    private final Path dir;
    private final long segmentBytes;
    private final StorageCounters counters;
    private FileChannel channel;
    private long size;

    JournalWriter(Path dir, long segmentBytes, StorageCounters counters) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.counters = counters;
    }

    /**
     * Writes {@code group} (whole frames, the first with sequence number {@code firstSeq}) and fdatasyncs it.
     * When this returns, the records are durable.
     */
    void append(long firstSeq, ByteBuffer group) throws IOException {
        if (channel == null || size >= segmentBytes) {
            roll(firstSeq);
        }
        int bytes = group.remaining();
        while (group.hasRemaining()) {
            channel.write(group);
        }
        size += bytes;
        FailPoints.reach(FailPoints.Point.JOURNAL_WRITTEN);
        channel.force(false);
        counters.fsync();
        counters.journalBytes.add(bytes);
        FailPoints.reach(FailPoints.Point.JOURNAL_SYNCED);
    }

    private void roll(long firstSeq) throws IOException {
        close();
        Path file = dir.resolve(JournalSegment.fileName(firstSeq));
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        size = 0;
        FailPoints.reach(FailPoints.Point.SEGMENT_CREATED);
        FileOps.fsyncDir(dir, counters);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
