package org.roomhub.hub.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.eclipse.jetty.websocket.core.exception.BadPayloadException;

/**
 * The text of one whole WebSocket text message that came in one frame. Most frames are ASCII JSON: those
 * bytes are the text as they are (ASCII is valid UTF-8), copied in one go; Jetty's UTF-8 validator, which
 * went byte by byte and showed in the chat profile, reads only the others (bad UTF-8: close 1007, as before).
 */
final class TextPayload {

    private TextPayload() {}

    static String of(ByteBuffer payload) {
        int size = payload == null ? 0 : payload.remaining();
        if (size == 0) {
            return "";
        }
        byte[] bytes = new byte[size];
        payload.get(payload.position(), bytes);
        if (ascii(bytes)) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        Utf8StringBuilder text = new Utf8StringBuilder(size);
        text.append(payload);
        return text.takeCompleteString(BadPayloadException.InvalidUtf8::new);
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
