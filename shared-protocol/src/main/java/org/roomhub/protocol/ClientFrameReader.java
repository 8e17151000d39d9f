package org.roomhub.protocol;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import org.roomhub.protocol.frame.ClientFrame;

/**
 * A well-formed client frame in one pass, straight from the text into its record: building a tree and walking
 * it again was most of a chat message's decode. Answers null for anything else (not an object, a large frame, a
 * repeated key, any error), and {@link FrameCodec}'s tree path then decides, with the error it names. Both read
 * with the same mapper, so a frame one accepts the other accepts as the same record.
 */
final class ClientFrameReader {

    private final ObjectReader reader;
    private final int maxChars;

    /**
     * Registers the client records on {@code mapper}: Jackson learns the records behind {@code ClientFrame}'s
     * type names only so (it does not read sealed permits), and only reads as {@code ClientFrame} look at them.
     */
    ClientFrameReader(ObjectMapper mapper, Class<?>[] records, int maxChars) {
        mapper.registerSubtypes(records);
        // A repeated key fails here: the tree keeps the last value, the stream would keep the first type.
        this.reader = mapper.readerFor(ClientFrame.class).with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        this.maxChars = maxChars;
    }

    ClientFrame read(String text) {
        if (text == null || text.length() > maxChars || !startsAnObject(text)) {
            return null; // a non-object would meet Jackson's other type-id shapes (a wrapper array) here
        }
        try {
            return reader.readValue(text);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean startsAnObject(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{';
            }
        }
        return false;
    }
}
