package org.roomhub.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A frame serialized once, so a broadcast hands the same text to every connection.
 *
 * @param type the frame's {@code type}
 * @param text its JSON text
 * @param seq its {@code seq} when it is a broadcast frame, else -1
 */
public record EncodedFrame(String type, String text, long seq) {

    /** Size on the wire in UTF-8 bytes. */
    public int byteLength() {
        return Utf8.length(text);
    }

    /** The UTF-8 bytes, for transports that write bytes. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
