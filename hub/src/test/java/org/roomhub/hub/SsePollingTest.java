package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.PollClient;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.SseClient;
import org.roomhub.hub.testkit.WsClient;

class SsePollingTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> {
        cfg.transport.heartbeatInterval = Duration.ofMillis(200);
        // Long enough that a busy machine's pauses between polls do not expire a session mid-test.
        cfg.transport.pollingSessionTimeout = Duration.ofSeconds(20);
    });

    String room(String path) {
        return "http://127.0.0.1:" + hub.port() + path;
    }

    static String chat(String text) {
        return "{\"type\":\"chat-message\",\"text\":\"" + text + "\"}";
    }

    @Test
    void sse_polling_and_websocket_clients_chat_in_the_same_room() {
        try (SseClient sse = SseClient.open(URI.create(room("/rooms/chat/mixed/events?name=sue")), null);
                WsClient ws = hub.join("/rooms/chat/mixed?name=wes")) {
            PollClient poll = PollClient.open(room("/rooms/chat/mixed"), "name=polly");
            assertThat(sse.status).isEqualTo(200);
            assertThat(sse.types()).first().isEqualTo("connected");
            assertThat(poll.types()).first().isEqualTo("connected");
            // The welcome may span more than the first response on a busy machine.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                poll.poll(1);
                return poll.types().containsAll(List.of("system", "history", "presence"));
            });

            ws.send(chat("from ws"));
            assertThat(PollClient.send(URI.create(room("/rooms/chat/mixed/messages?session=" + sse.sessionId())), chat("from sse"))
                    .statusCode()).isEqualTo(202);
            assertThat(poll.post(chat("from poll"))).isEqualTo(202);

            for (String text : List.of("from ws", "from sse", "from poll")) {
                ws.await("chat-message", f -> f.path("text").asText().equals(text));
                sse.await("chat-message", f -> f.path("text").asText().equals(text));
                poll.pollUntil("chat-message", f -> f.path("text").asText().equals(text));
            }
            assertThat(ws.await("chat-message", f -> f.path("text").asText().equals("from sse")).path("user").asText()).isEqualTo("sue");
            assertThat(sse.await("chat-message", f -> f.path("text").asText().equals("from poll")).data().path("user").asText())
                    .isEqualTo("polly");
            assertThat(hub.get("/api/rooms/chat/mixed").body()).contains("\"connections\":3");
        }
    }

    @Test
    void sse_events_carry_the_seq_as_id_and_the_frame_type_as_event() {
        try (SseClient sse = SseClient.open(URI.create(room("/rooms/chat/ids/events")), null); WsClient ws = hub.join("/rooms/chat/ids")) {
            ws.send(chat("one"));
            SseClient.Event e = sse.await("chat-message");
            assertThat(e.id()).isEqualTo(Long.toString(e.data().path("seq").asLong()));
            assertThat(sse.await("connected").id()).isEqualTo(Long.toString(sse.await("connected").data().path("seq").asLong()));
        }
    }

    @Test
    void an_sse_client_reconnecting_with_last_event_id_gets_exactly_the_frames_it_missed_in_order() {
        String lastId;
        try (SseClient sse = SseClient.open(URI.create(room("/rooms/chat/resume/events")), null)) {
            sse.await("presence");
            lastId = sse.lastId();
        }
        List<String> sent = new ArrayList<>();
        try (WsClient ws = hub.join("/rooms/chat/resume")) {
            for (int i = 0; i < 20; i++) {
                ws.send(chat("missed " + i));
                sent.add("missed " + i);
            }
            ws.await("chat-message", f -> f.path("text").asText().equals("missed 19"));
        }
        try (SseClient again = SseClient.open(URI.create(room("/rooms/chat/resume/events")), lastId)) {
            again.await("chat-message", f -> f.path("text").asText().equals("missed 19"));
            List<String> texts = again.events.stream().filter(e -> e.type().equals("chat-message"))
                    .map(e -> e.data().path("text").asText()).toList();
            assertThat(texts).containsExactlyElementsOf(sent);
            assertThat(again.types()).doesNotContain("reset", "history");
            List<Long> seqs = again.events.stream().filter(e -> e.data().has("seq") && !e.type().equals("connected"))
                    .map(e -> e.data().path("seq").asLong()).toList();
            assertThat(seqs).isSorted().first().isEqualTo(Long.parseLong(lastId) + 1);
        }
    }

    @Test
    void a_polling_client_opening_with_after_gets_exactly_the_frames_it_missed() {
        PollClient first = PollClient.open(room("/rooms/chat/pollresume"), null);
        long seen = first.frames.get(0).path("seq").asLong();
        try (WsClient ws = hub.join("/rooms/chat/pollresume")) {
            for (int i = 0; i < 10; i++) {
                ws.send(chat("gap " + i));
            }
            ws.await("chat-message", f -> f.path("text").asText().equals("gap 9"));
        }
        PollClient again = PollClient.open(room("/rooms/chat/pollresume"), "after=" + seen);
        again.pollUntil("chat-message", f -> f.path("text").asText().equals("gap 9"));
        List<String> texts = again.frames.stream().filter(f -> f.path("type").asText().equals("chat-message"))
                .map(f -> f.path("text").asText()).toList();
        assertThat(texts).containsExactly("gap 0", "gap 1", "gap 2", "gap 3", "gap 4", "gap 5", "gap 6", "gap 7", "gap 8", "gap 9");
        assertThat(again.types()).doesNotContain("reset", "history");
    }

    @Test
    void a_long_poll_answers_as_soon_as_a_frame_arrives_and_after_acknowledges() {
        PollClient poll = PollClient.open(room("/rooms/chat/long"), null);
        long next = poll.next;
        try (WsClient ws = hub.join("/rooms/chat/long")) {
            ws.await("presence");
            poll.poll(0); // the user-joined
            Thread sender = new Thread(() -> {
                await().pollDelay(Duration.ofMillis(300)).until(() -> true);
                ws.send(chat("wake up"));
            });
            sender.start();
            long t0 = System.nanoTime();
            JsonNode body = poll.poll(20);
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(body.path("messages").toString()).contains("wake up");
            assertThat(tookMs).isBetween(200L, 5_000L);
            assertThat(poll.next).isGreaterThan(next);
            JsonNode empty = poll.poll(0);
            assertThat(empty.path("messages")).isEmpty();
            assertThat(empty.path("next").asLong()).isEqualTo(poll.next);
        }
    }

    @Test
    void a_polling_session_unseen_past_its_timeout_is_gone() {
        PollClient poll = PollClient.open(room("/rooms/chat/expiry"), null);
        await().atMost(Duration.ofSeconds(90)).until(() -> hub.get("/api/rooms/chat/expiry").body().contains("\"connections\":0"));
        var r = PollClient.getRaw(URI.create(room("/rooms/chat/expiry/poll?session=" + poll.sessionId + "&after=" + poll.next)));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("NO_SUCH_SESSION");
        assertThat(hub.hub().edgeCounts().httpSessions()).isZero();
    }

    @Test
    void a_dead_sse_client_is_noticed_by_the_heartbeat_and_leaves_the_room() throws Exception {
        try (SseClient sse = SseClient.open(URI.create(room("/rooms/chat/ghost/events")), null)) {
            sse.await("presence");
            await().atMost(Duration.ofSeconds(20)).until(() -> !sse.comments.isEmpty());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.get("/api/rooms/chat/ghost").body().contains("\"connections\":0"));
        assertThat(hub.hub().edgeCounts()).isEqualTo(new Hub.EdgeCounts(0, 0, 0));
    }

    @Test
    void a_post_over_64_kib_is_refused_with_413_and_an_unknown_session_with_404() {
        PollClient poll = PollClient.open(room("/rooms/chat/big"), null);
        String huge = chat("x".repeat(70_000));
        assertThat(poll.post(huge)).isEqualTo(413);
        assertThat(PollClient.send(URI.create(room("/rooms/chat/big/messages?session=nope")), chat("hi")).statusCode()).isEqualTo(404);
        assertThat(PollClient.send(URI.create(room("/rooms/chat/other/messages?session=" + poll.sessionId)), chat("hi")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void malformed_frames_posted_over_http_come_back_as_error_frames_on_the_session() {
        PollClient poll = PollClient.open(room("/rooms/chat/bad"), null);
        assertThat(poll.post("{not json")).isEqualTo(202);
        assertThat(poll.pollUntil("error", f -> true).path("code").asText()).isEqualTo("INVALID_JSON");
    }

    @Test
    void cors_preflight_and_responses_allow_any_origin_on_a_loopback_hub() {
        var pre = hub.send(hub.request("/rooms/chat/lobby/messages").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://dashboard.lan:8080").header("Access-Control-Request-Method", "POST").build());
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Authorization", "Last-Event-ID");
        var get = hub.send(hub.request("/api/rooms").header("Origin", "http://dashboard.lan:8080").build());
        assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }
}
