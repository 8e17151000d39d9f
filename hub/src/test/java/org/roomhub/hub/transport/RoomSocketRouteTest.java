package org.roomhub.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RawSocket;
import org.roomhub.hub.testkit.RunningHub;

/** The room WebSocket route on Jetty's core answers on the wire as the Javalin route it replaced did. */
class RoomSocketRouteTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    private RawSocket joined(String path, String extraHeaders) throws Exception {
        RawSocket s = RawSocket.connect(hub.port());
        s.write(RawSocket.upgradeRequest(path).replace("\r\n\r\n", "\r\n" + extraHeaders + "\r\n"));
        assertThat(s.readHead()).contains(" 101 ");
        s.readTextContaining("\"presence\"");
        return s;
    }

    @Test
    void an_upgrade_offering_subprotocols_gets_the_first_one_back() throws Exception {
        try (RawSocket s = RawSocket.connect(hub.port())) {
            s.write(RawSocket.upgradeRequest("/rooms/chat/proto").replace("\r\n\r\n", "\r\nSec-WebSocket-Protocol: roomhub, other\r\n\r\n"));
            assertThat(s.readHead()).contains(" 101 ");
            assertThat(s.lastHead()).containsIgnoringCase("Sec-WebSocket-Protocol: roomhub\r\n");
            assertThat(s.readTextContaining("\"connected\"")).contains("\"room\":\"chat/proto\"");
        }
    }

    @Test
    void a_text_message_split_over_several_frames_arrives_whole() throws Exception {
        try (RawSocket s = joined("/rooms/chat/frag", "")) {
            byte[] json = "{\"type\":\"chat-message\",\"text\":\"in three parts, é intact\"}".getBytes(StandardCharsets.UTF_8);
            int a = 10;
            int b = new String(json, StandardCharsets.UTF_8).indexOf('é') + 1; // a UTF-8 character cut in two
            s.send(0x1, java.util.Arrays.copyOfRange(json, 0, a), false);
            s.send(0x0, java.util.Arrays.copyOfRange(json, a, b), false);
            s.send(0x0, java.util.Arrays.copyOfRange(json, b, json.length), true);
            assertThat(s.readTextContaining("\"chat-message\"")).contains("in three parts, é intact");
        }
    }

    @Test
    void a_text_message_in_one_frame_arrives_whole_with_its_non_ascii_characters() throws Exception {
        try (RawSocket s = joined("/rooms/chat/one", "")) {
            s.send(0x1, "{\"type\":\"chat-message\",\"text\":\"plain ascii\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(s.readTextContaining("\"chat-message\"")).contains("plain ascii");
            s.send(0x1, "{\"type\":\"chat-message\",\"text\":\"Grüße 😀\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(s.readTextContaining("Gr")).contains("Grüße 😀");
        }
    }

    @Test
    void a_text_frame_of_bad_utf8_closes_the_socket_with_1007() throws Exception {
        try (RawSocket s = joined("/rooms/chat/bad-utf8", "")) {
            byte[] json = "{\"type\":\"chat-message\",\"text\":\"x?\"}".getBytes(StandardCharsets.UTF_8);
            json[json.length - 3] = (byte) 0xC3; // a two-byte lead followed by an ASCII quote
            s.send(0x1, json);
            RawSocket.Frame f;
            do {
                f = s.readFrame();
            } while (f.opcode() != 0x8);
            assertThat(((f.payload()[0] & 0xFF) << 8) | (f.payload()[1] & 0xFF)).isEqualTo(1007);
        }
    }

    @Test
    void a_binary_message_is_ignored_and_the_socket_stays_open() throws Exception {
        try (RawSocket s = joined("/rooms/chat/bin", "")) {
            s.send(0x2, new byte[] {1, 2, 3});
            s.send(0x1, "{\"type\":\"ping\",\"id\":\"p1\",\"clientTime\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(s.readTextContaining("\"pong\"")).contains("\"p1\"");
        }
    }

    @Test
    void a_websocket_ping_is_answered_with_a_pong_of_the_same_payload() throws Exception {
        try (RawSocket s = joined("/rooms/chat/pings", "")) {
            s.send(0x9, "beat".getBytes(StandardCharsets.UTF_8));
            RawSocket.Frame f;
            do {
                f = s.readFrame();
            } while (f.opcode() != 0xA);
            assertThat(f.text()).isEqualTo("beat");
        }
    }

    @Test
    void a_percent_encoded_name_and_a_trailing_slash_reach_the_same_room_as_under_javalin() throws Exception {
        try (RawSocket s = RawSocket.connect(hub.port())) {
            s.write(RawSocket.upgradeRequest("/rooms/chat/lob%62y/"));
            assertThat(s.readHead()).contains(" 101 ");
            assertThat(s.readTextContaining("\"connected\"")).contains("\"room\":\"chat/lobby\"");
        }
    }

    @Test
    void refused_upgrades_are_answered_over_http_and_never_upgraded() throws Exception {
        for (String[] c : new String[][] {{"/rooms/chat/bad%20name", " 400 "}, {"/rooms/nope/x", " 404 "},
                {"/rooms/chat/x?token=forged", " 403 "}}) {
            try (RawSocket s = RawSocket.connect(hub.port())) {
                s.write(RawSocket.upgradeRequest(c[0]));
                assertThat(s.readHead()).as(c[0]).contains(c[1]);
            }
        }
    }

    @Test
    void a_closed_socket_leaves_its_room_and_the_route_holds_nothing_of_it() throws Exception {
        RawSocket s = joined("/rooms/chat/gone", "");
        s.closeCleanly(1000);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub().edgeCounts().places() == 0);
    }
}
