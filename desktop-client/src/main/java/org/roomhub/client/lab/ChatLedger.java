package org.roomhub.client.lab;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * What a chat room holds, read as a newcomer would resume from the very start: a fresh WebSocket with
 * {@code ?since=0} gets every broadcast the hub still holds, in order, up to the room's seq at join.
 * The crash and failover scenarios check acknowledged writes and clients' gaps against this list.
 *
 * @param messages chat messages by seq: seq → text
 * @param latest   the room's seq when the reader joined
 * @param reset    whether the hub no longer held everything since seq 0 (it sent {@code reset})
 */
record ChatLedger(Map<Long, String> messages, long latest, boolean reset) {

    /** Reads the ledger of the room at {@code since0}, a {@code ws://…?since=0} room URL. Blocking: not on the UI thread. */
    static ChatLedger read(URI since0) throws IOException {
        FrameCodec codec = new FrameCodec();
        Map<Long, String> messages = new TreeMap<>();
        long latest = -1;
        long highest = 0;
        try (RawWebSocket socket = new RawWebSocket(since0, 256 * 1024)) {
            while (latest < 0 || highest < latest) {
                RawWebSocket.Frame f = socket.read();
                if (f.close()) {
                    throw new IOException("closed by the hub while reading: " + f.code() + " " + f.text());
                }
                if (!(codec.decodeServer(f.text()) instanceof Decoded.Ok<ServerFrame> ok)) {
                    continue;
                }
                ServerFrame frame = ok.frame();
                if (frame instanceof ServerFrame.Connected c) {
                    latest = c.seq();
                } else if (frame instanceof ServerFrame.Reset) {
                    return new ChatLedger(messages, latest, true);
                } else if (frame instanceof ServerFrame.Broadcast b) {
                    highest = Math.max(highest, b.seq());
                    if (frame instanceof ServerFrame.ChatMessage m) {
                        messages.put(m.seq(), m.text());
                    }
                }
            }
        }
        return new ChatLedger(messages, latest, false);
    }

    /** Whether a message with exactly {@code text} is in the room. */
    boolean holds(String text) {
        return messages.containsValue(text);
    }

    /** Chat messages after {@code seq} that {@code client} did not receive. */
    long missedBy(ChattingClient client) {
        long from = client.firstSeq();
        return messages.keySet().stream().filter(s -> s > from && !client.received(s)).count();
    }
}
