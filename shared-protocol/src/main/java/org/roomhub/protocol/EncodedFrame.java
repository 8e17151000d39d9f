package org.roomhub.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A frame serialized once, so a broadcast hands the same text to every connection.
 *
 * @param type the frame's {@code type}
 * @param text its JSON text
 * @param seq its {@code seq} when it is a broadcast frame, else -1
 * @param byteLength size on the wire in UTF-8 bytes, counted once (a broadcast asks for every recipient)
 */
public record EncodedFrame(String type, String text, long seq, int byteLength) {

    /** A frame whose UTF-8 size is counted here. */
    public EncodedFrame(String type, String text, long seq) {
        this(type, text, seq, Utf8.length(text));
    }

    /** The UTF-8 bytes, for transports that write bytes. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
