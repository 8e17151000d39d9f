package org.roomhub.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RawSocket;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.TextSocket;
import org.roomhub.hub.testkit.WsClient;

/**
 * A broadcast is encoded once and its bytes shared by every WebSocket recipient; frames that wait
 * together are written together. What each client receives must not change.
 */
class BroadcastWriteTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    @Test
    void on_this_jetty_a_batch_reaches_the_frame_flusher_itself_so_it_runs_once_per_batch_not_once_per_frame() {
        // DirectFrames reads Jetty 12.1's private WebSocketConnection.flusher; a Jetty that renamed it
        // still works (frame by frame through enqueueFrame) but pays the flusher's cycle per frame again.
        assertThat(DirectFrames.flusherReachable()).isTrue();
    }

    @Test
    void two_hundred_sockets_in_one_room_each_receive_every_broadcast_once_and_in_order() {
        HttpClient http = HttpClient.newHttpClient();
        List<Queue<String>> received = new ArrayList<>();
        List<TextSocket> sockets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Queue<String> frames = new ConcurrentLinkedQueue<>();
            received.add(frames);
            sockets.add(TextSocket.connect(http, hub.ws("/rooms/chat/crowd?name=c" + i), text -> {
                if (TextSocket.isType(text, "chat-message")) {
                    frames.add(TextSocket.field(text, "text"));
                }
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.get("/api/rooms/chat/crowd").body().contains("\"connections\":200"));
        try (WsClient sender = hub.join("/rooms/chat/crowd?name=sender")) {
            sender.await("connected");
            List<String> sent = new ArrayList<>();
            for (int m = 0; m < 30; m++) {
                String text = "m" + m + " ünïcødé ✓";
                sent.add(text);
                sender.send("{\"type\":\"chat-message\",\"text\":\"" + text + "\"}");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> received.stream().allMatch(q -> q.size() >= sent.size()));
            for (Queue<String> frames : received) {
                assertThat(new ArrayList<>(frames)).containsExactlyElementsOf(sent);
            }
            assertThat(sockets).allMatch(s -> !s.closed.isDone());
        } finally {
            sockets.forEach(TextSocket::abort);
        }
    }

    @Test
    void a_client_that_negotiated_permessage_deflate_gets_broadcasts_intact_from_the_shared_bytes() throws Exception {
        try (RawSocket raw = RawSocket.connect(hub.port());
                WsClient plain = hub.join("/rooms/chat/squeeze?name=plain")) {
            String upgrade = RawSocket.upgradeRequest("/rooms/chat/squeeze?name=squeezed");
            raw.write(upgrade.replace("\r\n\r\n", "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n"));
            assertThat(raw.readHead()).contains("101");
            plain.await("user-joined", j -> j.path("user").asText().equals("squeezed"));
            String text = "shared bytes, compressed for one of the recipients only";
            for (int i = 0; i < 3; i++) {
                plain.send("{\"type\":\"chat-message\",\"text\":\"" + text + " " + i + "\"}");
            }
            for (int i = 0; i < 3; i++) {
                int n = i;
                plain.await("chat-message", m -> m.path("text").asText().equals(text + " " + n));
            }
            List<String> got = new ArrayList<>();
            int compressed = 0;
            Inflater inflater = new Inflater(true);
            while (got.stream().filter(t -> t.contains("chat-message")).count() < 3) {
                RawSocket.Frame f = raw.readFrame();
                if (f.opcode() == 0x9) {
                    raw.send(0xA, f.payload());
                    continue;
                }
                compressed += f.payload().length > 0 && f.payload()[0] != '{' ? 1 : 0;
                got.add(inflate(inflater, f.payload()));
            }
            assertThat(compressed).as("frames that came compressed").isGreaterThan(0);
            List<String> chats = got.stream().filter(t -> t.contains("chat-message")).toList();
            for (int i = 0; i < 3; i++) {
                assertThat(chats.get(i)).contains("\"text\":\"" + text + " " + i + "\"");
            }
        }
    }

    @Test
    void a_frame_larger_than_jetty_fragments_at_arrives_fragmented_whole_and_before_the_next_broadcast() throws Exception {
        try (WsClient sender = hub.join("/rooms/chat/large?name=sender")) {
            sender.await("connected");
            // 20 messages of ~4,000 characters: the next joiner's history frame is ~80 KB, past Jetty's 64 KiB
            // frame size, so it takes the session's fragmenting path, not the direct one.
            String long20 = "l".repeat(3_990);
            for (int i = 0; i < 20; i++) {
                sender.send("{\"type\":\"chat-message\",\"text\":\"" + i + long20 + "\"}");
            }
            sender.await("chat-message", m -> m.path("text").asText().startsWith("19"));
            try (RawSocket raw = RawSocket.connect(hub.port())) {
                raw.write(RawSocket.upgradeRequest("/rooms/chat/large?name=reader"));
                assertThat(raw.readHead()).contains("101");
                sender.await("user-joined", j -> j.path("user").asText().equals("reader"));
                sender.send("{\"type\":\"chat-message\",\"text\":\"after\"}");
                List<JsonNode> messages = new ArrayList<>();
                int continuations = 0;
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                while (messages.stream().noneMatch(m -> m.path("text").asText().equals("after"))) {
                    RawSocket.Frame f = raw.readFrame();
                    if (f.opcode() == 0x9) {
                        raw.send(0xA, f.payload());
                        continue;
                    }
                    continuations += f.opcode() == 0x0 ? 1 : 0;
                    message.write(f.payload());
                    JsonNode json = whole(message.toString(StandardCharsets.UTF_8));
                    if (json != null) {
                        message.reset();
                        messages.add(json);
                    }
                }
                JsonNode history = messages.stream().filter(m -> m.path("type").asText().equals("history")).findFirst().orElseThrow();
                assertThat(history.toString()).contains("\"0" + long20 + "\"", "\"19" + long20 + "\"");
                assertThat(continuations).as("continuation frames of the history").isGreaterThan(0);
                assertThat(messages.indexOf(history)).isLessThan(messages.size() - 1);
            }
        }
    }

    /** The message as JSON once all its fragments are in, else null. */
    private static JsonNode whole(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException incomplete) {
            return null;
        }
    }

    /** A permessage-deflate payload (context kept across messages), or the text itself when not compressed. */
    private static String inflate(Inflater inflater, byte[] payload) throws Exception {
        if (payload.length > 0 && payload[0] == '{') {
            return new String(payload, StandardCharsets.UTF_8);
        }
        byte[] tail = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
        byte[] in = new byte[payload.length + 4];
        System.arraycopy(payload, 0, in, 0, payload.length);
        System.arraycopy(tail, 0, in, payload.length, 4);
        inflater.setInput(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
