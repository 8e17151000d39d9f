package org.roomhub.hub.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.nio.file.Path;

/**
 * Reads the journal segments in order and hands every record after a given sequence number to a sink,
 * checking that those records are consecutive. A segment ending in bytes that are not a valid record
 * (a torn tail of a write that was never acknowledged) is reported, but only if no valid record and no
 * later non-empty segment follows it; otherwise acknowledged data may be damaged and replay stops with
 * {@link UnrecoverableStoreException}. It never modifies files.
 */
final class JournalReplay {

    /** Receives replayed records in order. */
    interface Sink {
        void accept(long seq, List<Op> ops) throws IOException;
    }

    /** Unreadable bytes at the end of the last non-empty segment, from {@code offset} to its end. */
    record TornTail(JournalSegment segment, long offset, long bytes) {
    }

    /**
     * Outcome of a replay.
     *
     * @param lastSeq  sequence number of the last valid record, or the start sequence if none is later
     * @param replayed number of records handed to the sink
     * @param tornTail unreadable tail to truncate, or null
     */
    record Result(long lastSeq, long replayed, TornTail tornTail) {
    }

    private JournalReplay() {
    }

    /** Replays records with sequence numbers {@code > afterSeq} from the segments in {@code dir}. */
    static Result replay(FileLayer files, Path dir, long afterSeq, Sink sink) throws IOException {
        List<JournalSegment> segments = JournalSegment.list(files, dir);
        long expected = afterSeq + 1;
        long last = -1;
        long replayed = 0;
        for (int i = 0; i < segments.size(); i++) {
            JournalSegment segment = segments.get(i);
            ByteBuffer buf = ByteBuffer.wrap(files.readAll(segment.file()));
            int pos = 0;
            while (pos < buf.limit()) {
                RecordCodec.Decoded record = RecordCodec.tryDecode(buf, pos);
                if (record == null) {
                    TornTail torn = new TornTail(segment, pos, buf.limit() - pos);
                    checkNothingFollows(files, torn, buf, pos == 0 ? segment.firstSeq() : last + 1, segments.subList(i + 1, segments.size()));
                    return new Result(Math.max(afterSeq, last), replayed, torn);
                }
                if (pos == 0 && record.seq() != segment.firstSeq()) {
                    throw new UnrecoverableStoreException("journal segment " + segment.file() + " should start with seq "
                            + segment.firstSeq() + " but its first record has seq " + record.seq());
                }
                if (pos > 0 && record.seq() != last + 1) {
                    throw new UnrecoverableStoreException("journal segment " + segment.file() + " jumps from seq " + last
                            + " to seq " + record.seq() + " at offset " + pos);
                }
                if (record.seq() >= expected) {
                    if (record.seq() != expected) {
                        throw new UnrecoverableStoreException("journal is missing records " + expected + ".." + (record.seq() - 1)
                                + ": the store holds records up to seq " + afterSeq + " and the next journal record, in "
                                + segment.file() + " at offset " + pos + ", has seq " + record.seq());
                    }
                    sink.accept(record.seq(), record.ops());
                    replayed++;
                    expected++;
                }
                last = record.seq();
                pos += RecordCodec.frameLength(buf, pos);
            }
        }
        return new Result(Math.max(afterSeq, last), replayed, null);
    }

    /**
     * A torn tail is only accepted if it can be the last group commit, written but not yet fdatasync'ed
     * (a power cut may then keep any of its 512-byte sectors, in any order): every valid record after the
     * damage must belong to one group, and that group must have started at or before the damage. Any other
     * valid record after it, or any later non-empty segment, means acknowledged data was damaged.
     *
     * @param groupBound the damaged bytes' group starts at or before this sequence number: the seq of the
     *                   record that should have been at the damage
     */
    private static void checkNothingFollows(FileLayer files, TornTail torn, ByteBuffer buf, long groupBound,
                                            List<JournalSegment> later) throws IOException {
        long maxSeq = groupBound + (1L << 31);
        long group = Long.MIN_VALUE;
        for (int o = (int) torn.offset() + 1; o < buf.limit(); o++) {
            if (!RecordCodec.plausibleAt(buf, o, groupBound, maxSeq)) {
                continue;
            }
            RecordCodec.Decoded record = RecordCodec.tryDecode(buf, o);
            if (record == null) {
                continue;
            }
            boolean sameTornGroup = record.groupFirstSeq() >= 0 && record.groupFirstSeq() <= groupBound
                    && (group == Long.MIN_VALUE || group == record.groupFirstSeq());
            if (!sameTornGroup) {
                throw new UnrecoverableStoreException("journal segment " + torn.segment().file() + " has "
                        + (o - torn.offset()) + " unreadable bytes at offset " + torn.offset()
                        + " followed by a valid record (seq " + record.seq() + ") at offset " + o
                        + " of a later group commit; refusing to truncate because acknowledged writes may be in the damaged part");
            }
            group = record.groupFirstSeq();
            o += RecordCodec.frameLength(buf, o) - 1;
        }
        for (JournalSegment next : later) {
            long size = files.size(next.file());
            if (size > 0) {
                throw new UnrecoverableStoreException("journal segment " + torn.segment().file() + " has "
                        + torn.bytes() + " unreadable bytes at offset " + torn.offset() + " but a later segment "
                        + next.file() + " holds " + size + " bytes; refusing to truncate because acknowledged "
                        + "writes may be in the damaged part");
            }
        }
    }
}
