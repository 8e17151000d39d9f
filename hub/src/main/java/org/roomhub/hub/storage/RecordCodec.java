package org.roomhub.hub.storage;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Journal record format (big-endian):
 * <pre>
 * frame := bodyLength:u32  crc32c(body):u32  body
 * body  := seq:u64  (0x80000000 | opCount):u32  groupFirstSeq:u64  op*      (version 2)
 *        | seq:u64  opCount:u32  op*                                      (version 1, read only)
 * op    := 1:u8 keyLen:u32 key valueLen:u32 value     (put)
 *        | 2:u8 keyLen:u32 key                        (delete)
 *        | 3:u8 fromLen:u32 from toLen:u32 to         (delete range [from, to))
 * </pre>
 * A frame is valid only if its length is plausible, its CRC matches and its body parses completely.
 * {@code groupFirstSeq} is the sequence number of the first record of the group commit (one write, one
 * fdatasync) the record was written in: after a power cut it tells a torn last group (never acknowledged)
 * from damage to an earlier, acknowledged one.
 */
final class RecordCodec {

    static final int HEADER_BYTES = 8;
    static final int MIN_BODY_BYTES = 12;
    static final int MAX_BODY_BYTES = StorageOptions.MAX_RECORD_BYTES + 1024;

    /** Flag in the op count word: the body carries {@code groupFirstSeq}. */
    private static final int VERSION_2 = 0x80000000;
    private static final int GROUP_BYTES = 8;
    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final byte DELETE_RANGE = 3;

    private RecordCodec() {
    }

    /**
     * A decoded journal record.
     *
     * @param groupFirstSeq first sequence number of its group commit, or -1 in a version 1 frame (unknown)
     */
    record Decoded(long seq, List<Op> ops, long groupFirstSeq) {
    }

    /** Size of the frame of {@code ops}. */
    static int frameSize(List<Op> ops) {
        int size = HEADER_BYTES + MIN_BODY_BYTES + GROUP_BYTES;
        for (Op op : ops) {
            size += op.weight();
        }
        return size;
    }

    /**
     * Appends the frame of {@code ops} with {@code seq}, written in the group commit starting at
     * {@code groupFirstSeq}, to {@code out}, which must have room.
     */
    static void encode(long seq, long groupFirstSeq, List<Op> ops, ByteBuffer out) {
        int start = out.position();
        out.position(start + HEADER_BYTES);
        out.putLong(seq);
        out.putInt(VERSION_2 | ops.size());
        out.putLong(groupFirstSeq);
        for (Op op : ops) {
            if (op instanceof Op.Put p) {
                out.put(PUT);
                putBytes(out, p.key());
                putBytes(out, p.value());
            } else if (op instanceof Op.Delete d) {
                out.put(DELETE);
                putBytes(out, d.key());
            } else if (op instanceof Op.DeleteRange r) {
                out.put(DELETE_RANGE);
                putBytes(out, r.from());
                putBytes(out, r.to());
            }
        }
        int end = out.position();
        int bodyLength = end - start - HEADER_BYTES;
        CRC32C crc = new CRC32C();
        ByteBuffer body = out.duplicate().position(start + HEADER_BYTES).limit(end);
        crc.update(body);
        out.putInt(start, bodyLength);
        out.putInt(start + 4, (int) crc.getValue());
    }

    /**
     * Tries to read a valid frame at {@code offset} of {@code buf} (absolute positions, within its limit).
     * Returns null if there is no valid frame there (too short, implausible length, CRC mismatch or
     * unparseable body).
     */
    static Decoded tryDecode(ByteBuffer buf, int offset) {
        int limit = buf.limit();
        if (limit - offset < HEADER_BYTES + MIN_BODY_BYTES) {
            return null;
        }
        int length = buf.getInt(offset);
        if (length < MIN_BODY_BYTES || length > MAX_BODY_BYTES || length > limit - offset - HEADER_BYTES) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().position(offset + HEADER_BYTES).limit(offset + HEADER_BYTES + length));
        if ((int) crc.getValue() != buf.getInt(offset + 4)) {
            return null;
        }
        ByteBuffer body = buf.duplicate().position(offset + HEADER_BYTES).limit(offset + HEADER_BYTES + length).slice();
        try {
            long seq = body.getLong();
            int word = body.getInt();
            int count = word & ~VERSION_2;
            long groupFirstSeq = (word & VERSION_2) != 0 ? body.getLong() : -1;
            if (count > length || (word & VERSION_2) != 0 && (groupFirstSeq < 0 || groupFirstSeq > seq)) {
                return null;
            }
            List<Op> ops = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte type = body.get();
                switch (type) {
                    case PUT -> ops.add(new Op.Put(getBytes(body), getBytes(body)));
                    case DELETE -> ops.add(new Op.Delete(getBytes(body)));
                    case DELETE_RANGE -> ops.add(new Op.DeleteRange(getBytes(body), getBytes(body)));
                    default -> {
                        return null;
                    }
                }
            }
            return body.hasRemaining() ? null : new Decoded(seq, ops, groupFirstSeq);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Frame length of a valid frame at {@code offset} (call after {@link #tryDecode} succeeded). */
    static int frameLength(ByteBuffer buf, int offset) {
        return HEADER_BYTES + buf.getInt(offset);
    }

    /** Cheap pre-check used when scanning garbage: could a frame with a sequence number in range start here? */
    static boolean plausibleAt(ByteBuffer buf, int offset, long minSeq, long maxSeq) {
        int limit = buf.limit();
        if (limit - offset < HEADER_BYTES + MIN_BODY_BYTES) {
            return false;
        }
        int length = buf.getInt(offset);
        if (length < MIN_BODY_BYTES || length > MAX_BODY_BYTES || length > limit - offset - HEADER_BYTES) {
            return false;
        }
        long seq = buf.getLong(offset + HEADER_BYTES);
        return seq >= minSeq && seq <= maxSeq;
    }

    private static void putBytes(ByteBuffer out, byte[] b) {
        out.putInt(b.length);
        out.put(b);
    }

    private static byte[] getBytes(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }
}
