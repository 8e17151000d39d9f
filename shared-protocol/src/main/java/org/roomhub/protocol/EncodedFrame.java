package org.roomhub.protocol;

import java.nio.charset.StandardCharsets;

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
 */
public record EncodedFrame(String type, String text, long seq, int byteLength, String conflationKey, long roomSeq) {

    /** A frame whose UTF-8 size is counted here, without a conflation key. */
    public EncodedFrame(String type, String text, long seq) {
        this(type, text, seq, Utf8.length(text), null, seq);
    }

    /** A frame of a known size, without a conflation key. */
    public EncodedFrame(String type, String text, long seq, int byteLength) {
        this(type, text, seq, byteLength, null, seq);
    }

    /** The UTF-8 bytes, for transports that write bytes. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
