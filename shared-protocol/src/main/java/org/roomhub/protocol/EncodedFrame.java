package org.roomhub.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A frame serialized once, so a broadcast hands the same text to every connection, with the facts
 * transports need read off the frame when it was encoded: nobody scans the JSON text again.
 *
 * @param type the frame's {@code type}
 * @param text its JSON text
 * @param seq its {@code seq} when it is a broadcast frame, else -1
 * @param byteLength size on the wire in UTF-8 bytes, counted once (a broadcast asks for every recipient)
 * @param conflationKey frames with the same non-null key replace each other while they wait for a
 *     slow client (only the newest matters: {@code metric-updated:<name>}); null: never replaced
 * @param roomSeq the room seq the frame tells the client it is up to: a broadcast's own seq, or the
 *     {@code seq} of {@code connected} and {@code reset} ({@code asOf}); -1 when it says nothing about it
 * @param utf8 the text's UTF-8 bytes when the codec made them with the text (shared, never modified), else
 *     null: {@link #bytes()} then encodes them on each call
 */
public record EncodedFrame(String type, String text, long seq, int byteLength, String conflationKey, long roomSeq, byte[] utf8) {

    /** A frame whose UTF-8 size is counted here, without a conflation key. */
    public EncodedFrame(String type, String text, long seq) {
        this(type, text, seq, Utf8.length(text), null, seq);
    }

    /** A frame of a known size, without a conflation key. */
    public EncodedFrame(String type, String text, long seq, int byteLength) {
        this(type, text, seq, byteLength, null, seq);
    }

    /** A frame whose bytes are made when asked for. */
    public EncodedFrame(String type, String text, long seq, int byteLength, String conflationKey, long roomSeq) {
        this(type, text, seq, byteLength, conflationKey, roomSeq, null);
    }

    /**
     * The UTF-8 bytes, for transports that write bytes and for the resume log: a broadcast's are made
     * once, with its text, and shared by every reader, so nobody may write into them.
     */
    public byte[] bytes() {
        return utf8 != null ? utf8 : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The JSON without the leading {@code type} property. The codec writes {@code type} first and then the record's
     * fields in order, so this is the JSON of a value with the same fields: a chat-message's is its
     * {@link org.roomhub.protocol.value.ChatEntry}, stored without serializing the entry again.
     */
    public byte[] withoutType() {
        byte[] all = bytes();
        byte[] prefix = ("{\"type\":\"" + type + "\",").getBytes(StandardCharsets.UTF_8);
        if (all.length <= prefix.length || !java.util.Arrays.equals(all, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalArgumentException("a " + type + " frame without fields after its type");
        }
        byte[] out = new byte[all.length - prefix.length + 1];
        out[0] = '{';
        System.arraycopy(all, prefix.length, out, 1, all.length - prefix.length);
        return out;
    }

    /** Equal when everything but the byte cache is: the bytes follow from the text. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedFrame f && seq == f.seq && byteLength == f.byteLength && roomSeq == f.roomSeq
                && type.equals(f.type) && text.equals(f.text) && Objects.equals(conflationKey, f.conflationKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, text, seq, byteLength, conflationKey, roomSeq);
    }

    @Override
    public String toString() {
        return "EncodedFrame[type=" + type + ", text=" + text + ", seq=" + seq + ", byteLength=" + byteLength
                + ", conflationKey=" + conflationKey + ", roomSeq=" + roomSeq + "]";
    }
}
