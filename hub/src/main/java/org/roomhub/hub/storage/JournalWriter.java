package org.roomhub.hub.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Appends group commits to journal segments: one {@code write} and one {@code fdatasync} per group,
 * starting a new segment (created, then folder fsynced before anything in it is acknowledged) once the
 * current one reaches the segment size. Used by the group committer thread only.
 */
final class JournalWriter implements Closeable {

    private final FileLayer files;
    private final Path dir;
    private final long segmentBytes;
    private final StorageCounters counters;
    private FileLayer.Handle channel;
    private long size;

    JournalWriter(FileLayer files, Path dir, long segmentBytes, StorageCounters counters) {
        this.files = files;
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
        if (FailPoints.armed(FailPoints.Point.JOURNAL_TAIL_UNWRITTEN) && bytes > 16) {
            // Crash harness only: a kill between the two writes leaves a record torn inside its last op.
            ByteBuffer head = group.duplicate().limit(group.limit() - 16);
            channel.write(head);
            group.position(head.position());
            FailPoints.reach(FailPoints.Point.JOURNAL_TAIL_UNWRITTEN);
        }
        channel.write(group);
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
        channel = files.open(file, FileLayer.Mode.CREATE_NEW);
        size = 0;
        FailPoints.reach(FailPoints.Point.SEGMENT_CREATED);
        FileOps.fsyncDir(files, dir, counters);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
