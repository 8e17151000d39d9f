package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

class ChatRoomTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    @Test
    void a_joining_client_gets_connected_then_system_history_and_presence_in_order() {
        try (WsClient c = hub.join("/rooms/chat/lobby?name=alice")) {
            c.await("presence");
            assertThat(c.types()).startsWith("connected", "system", "history", "presence");
            assertThat(c.await("connected").path("user").asText()).isEqualTo("alice");
            assertThat(c.await("connected").path("room").asText()).isEqualTo("chat/lobby");
        }
    }

    @Test
    void a_chat_message_reaches_everyone_including_its_sender_with_a_growing_seq() {
        try (WsClient a = hub.join("/rooms/chat/lobby?name=alice"); WsClient b = hub.join("/rooms/chat/lobby?name=bob")) {
            a.await("user-joined", f -> f.path("user").asText().equals("bob"));
            a.send("{\"type\":\"chat-message\",\"text\":\"hello\"}");
            a.send("{\"type\":\"chat-message\",\"text\":\"again\"}");
            var first = b.await("chat-message", f -> f.path("text").asText().equals("hello"));
            var second = a.await("chat-message", f -> f.path("text").asText().equals("again"));
            assertThat(first.path("user").asText()).isEqualTo("alice");
            assertThat(first.path("sessionId").asText()).isEqualTo(a.sessionId());
            assertThat(second.path("seq").asLong()).isGreaterThan(first.path("seq").asLong());
            assertThat(first.has("ts")).isTrue();
        }
    }

    @Test
    void a_direct_message_reaches_only_its_addressee() {
        try (WsClient a = hub.join("/rooms/chat/dm"); WsClient b = hub.join("/rooms/chat/dm"); WsClient c = hub.join("/rooms/chat/dm")) {
            String bob = b.sessionId();
            c.await("presence");
            a.send("{\"type\":\"direct\",\"to\":\"" + bob + "\",\"text\":\"psst\"}");
            var got = b.await("direct");
            assertThat(got.path("from").asText()).isEqualTo(a.sessionId());
            a.send("{\"type\":\"chat-message\",\"text\":\"marker\"}");
            c.await("chat-message", f -> f.path("text").asText().equals("marker"));
            a.await("chat-message", f -> f.path("text").asText().equals("marker"));
            assertThat(a.ofType("direct")).isEmpty();
            assertThat(c.ofType("direct")).isEmpty();
        }
    }

    @Test
    void set_name_broadcasts_presence_and_names_later_messages() {
        try (WsClient a = hub.join("/rooms/chat/names")) {
            // a is in the room before b connects: two sockets opened together may join in either order,
            // and only the one that joined first hears user-joined.
            a.await("presence");
            try (WsClient b = hub.join("/rooms/chat/names")) {
                a.await("user-joined");
                a.send("{\"type\":\"set-name\",\"name\":\"Carol\"}");
                b.await("presence", f -> f.toString().contains("Carol"));
                a.send("{\"type\":\"chat-message\",\"text\":\"hi\"}");
                assertThat(b.await("chat-message").path("user").asText()).isEqualTo("Carol");
            }
        }
    }

    @Test
    void malformed_frames_get_error_codes_and_the_connection_stays_open() {
        try (WsClient a = hub.join("/rooms/chat/errors")) {
            a.await("presence");
            a.send("{not json");
            a.send("{\"type\":\"chat-message\"}");
            a.send("{\"type\":\"teleport\"}");
            a.send("{\"type\":\"set-pin\",\"location\":{\"lat\":1,\"lng\":2}}");
            await().atMost(Duration.ofSeconds(20)).until(() -> a.ofType("error").size() == 4);
            assertThat(a.ofType("error")).extracting(f -> f.path("code").asText())
                    .containsExactly("INVALID_JSON", "INVALID_MESSAGE", "UNKNOWN_TYPE", "UNKNOWN_TYPE");
            a.send("{\"type\":\"chat-message\",\"text\":\"still here\"}");
            a.await("chat-message");
            // seq 1 was the join's user-joined, 2 the one good message: the bad frames stored nothing.
            assertThat(hub.get("/api/rooms/chat/errors").body()).contains("\"seq\":2", "\"messagesProcessed\":1");
        }
    }

    @Test
    void a_frame_over_64_kib_closes_the_socket_with_1009() {
        try (WsClient a = hub.join("/rooms/chat/big")) {
            a.await("presence");
            a.send("{\"type\":\"chat-message\",\"text\":\"" + "x".repeat(70_000) + "\"}");
            await().atMost(Duration.ofSeconds(20)).until(a.closed::isDone);
            assertThat(a.closed.join()).isEqualTo(1009);
        }
    }

    @Test
    void a_ping_is_answered_with_pong_echoing_id_and_client_time() {
        try (WsClient a = hub.join("/rooms/chat/ping")) {
            a.await("presence");
            a.send("{\"type\":\"ping\",\"id\":\"p1\",\"clientTime\":1234}");
            var pong = a.await("pong");
            assertThat(pong.path("id").asText()).isEqualTo("p1");
            assertThat(pong.path("clientTime").asLong()).isEqualTo(1234);
            assertThat(pong.path("serverTime").asLong()).isPositive();
        }
    }

    @Test
    void resume_delivers_exactly_the_missed_frames_in_order() {
        try (WsClient a = hub.join("/rooms/chat/resume")) {
            a.send("{\"type\":\"chat-message\",\"text\":\"one\"}");
            long seen = a.await("chat-message").path("seq").asLong();
            try (WsClient b = hub.join("/rooms/chat/resume")) {
                b.send("{\"type\":\"chat-message\",\"text\":\"two\"}");
                b.send("{\"type\":\"chat-message\",\"text\":\"three\"}");
                b.await("chat-message", f -> f.path("text").asText().equals("three"));
            }
            try (WsClient again = hub.join("/rooms/chat/resume?since=" + seen)) {
                again.await("chat-message", f -> f.path("text").asText().equals("three"));
                assertThat(again.types()).first().isEqualTo("connected");
                assertThat(again.types()).doesNotContain("reset", "history");
                assertThat(again.ofType("chat-message")).extracting(f -> f.path("text").asText()).containsExactly("two", "three");
            }
        }
    }

    @Test
    void resuming_from_an_unknown_future_seq_gets_reset_then_a_fresh_snapshot() {
        try (WsClient a = hub.join("/rooms/chat/reset")) {
            a.await("presence");
            a.send("{\"type\":\"resume\",\"since\":999}");
            a.await("reset");
            await().atMost(Duration.ofSeconds(20)).until(() -> a.ofType("presence").size() == 2);
            var types = a.types();
            assertThat(types.subList(types.indexOf("reset"), types.size())).startsWith("reset", "system", "history", "presence");
        }
    }
}
