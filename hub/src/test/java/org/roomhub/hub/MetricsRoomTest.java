package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

class MetricsRoomTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    @Test
    void an_update_is_broadcast_as_metric_updated_and_kept_in_the_next_snapshot() {
        try (WsClient pub = hub.join("/rooms/metrics/host1"); WsClient sub = hub.join("/rooms/metrics/host1")) {
            sub.await("snapshot");
            pub.send("{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":42.5,\"ts\":1700000000000}");
            var u = sub.await("metric-updated");
            assertThat(u.path("name").asText()).isEqualTo("cpu");
            assertThat(u.path("value").asDouble()).isEqualTo(42.5);
            assertThat(u.path("timestamp").asLong()).isEqualTo(1700000000000L);
            assertThat(u.path("seq").asLong()).isPositive();
            try (WsClient late = hub.join("/rooms/metrics/host1")) {
                assertThat(late.await("snapshot").path("metrics").path("cpu").asDouble()).isEqualTo(42.5);
            }
        }
    }

    @Test
    void each_joiner_is_welcomed_with_the_values_stored_before_it_joined_even_when_they_changed_since_the_last_welcome() {
        try (WsClient pub = hub.join("/rooms/metrics/welcomes")) {
            pub.await("snapshot");
            for (int i = 1; i <= 3; i++) {
                pub.send("{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":" + i + "}");
                double value = i;
                pub.await("metric-updated", f -> f.path("value").asDouble() == value);
                // Two joiners in a row: the second is welcomed with the same values (the shared welcome).
                try (WsClient first = hub.join("/rooms/metrics/welcomes"); WsClient second = hub.join("/rooms/metrics/welcomes")) {
                    assertThat(first.await("snapshot").path("metrics").path("cpu").asDouble()).isEqualTo(value);
                    assertThat(second.await("snapshot").path("metrics").path("cpu").asDouble()).isEqualTo(value);
                }
            }
        }
    }

    @Test
    void a_burst_is_sampled_and_its_last_value_is_always_delivered() {
        try (WsClient pub = hub.join("/rooms/metrics/burst"); WsClient sub = hub.join("/rooms/metrics/burst")) {
            sub.await("snapshot");
            StringBuilder batch = new StringBuilder("{\"type\":\"metric-batch\",\"points\":[");
            for (int i = 1; i <= 200; i++) {
                batch.append(i > 1 ? "," : "").append("{\"name\":\"load\",\"value\":").append(i).append("}");
            }
            pub.send(batch.append("]}").toString());
            for (int i = 0; i < 20; i++) {
                pub.send("{\"type\":\"metric-update\",\"name\":\"load\",\"value\":" + (1000 + i) + "}");
            }
            sub.await("metric-updated", f -> f.path("value").asDouble() == 1019);
            assertThat(sub.ofType("metric-updated").size()).isLessThan(10);
        }
    }

    @Test
    void subscribe_filters_updates_and_answers_with_a_filtered_snapshot() {
        try (WsClient pub = hub.join("/rooms/metrics/subs"); WsClient sub = hub.join("/rooms/metrics/subs")) {
            sub.await("snapshot"); // the welcome: sub is in the room before anything is published
            pub.send("{\"type\":\"metric-batch\",\"points\":[{\"name\":\"cpu\",\"value\":1},{\"name\":\"mem\",\"value\":2}]}");
            sub.await("metric-updated", f -> f.path("name").asText().equals("mem"));
            sub.send("{\"type\":\"subscribe\",\"metrics\":[\"cpu\"]}");
            var snap = sub.await("snapshot", f -> f.path("metrics").size() == 1);
            assertThat(snap.path("metrics").has("cpu")).isTrue();
            int before = sub.ofType("metric-updated").size();
            pub.send("{\"type\":\"metric-update\",\"name\":\"mem\",\"value\":3}");
            pub.send("{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":4}");
            sub.await("metric-updated", f -> f.path("value").asDouble() == 4);
            assertThat(sub.ofType("metric-updated").subList(before, sub.ofType("metric-updated").size()))
                    .extracting(f -> f.path("name").asText()).containsOnly("cpu");
        }
    }

    @Test
    void history_returns_recent_points_at_one_second_resolution() {
        try (WsClient pub = hub.join("/rooms/metrics/hist")) {
            long now = System.currentTimeMillis();
            pub.send("{\"type\":\"metric-batch\",\"points\":[{\"name\":\"t\",\"value\":1,\"ts\":" + (now - 3000)
                    + "},{\"name\":\"t\",\"value\":2,\"ts\":" + (now - 2000) + "},{\"name\":\"t\",\"value\":3,\"ts\":" + (now - 1000) + "}]}");
            pub.await("metric-updated");
            pub.send("{\"type\":\"history\",\"name\":\"t\",\"seconds\":60}");
            var h = pub.await("history");
            assertThat(h.path("name").asText()).isEqualTo("t");
            assertThat(h.path("points")).hasSize(3);
            assertThat(h.path("points").get(2).get(1).asDouble()).isEqualTo(3);
            assertThat(h.path("points").get(0).get(0).asLong()).isEqualTo((now - 3000) / 1000 * 1000);
        }
    }

    @Test
    void a_non_finite_value_is_refused_and_nothing_is_stored() {
        try (WsClient pub = hub.join("/rooms/metrics/nan")) {
            pub.await("snapshot");
            pub.send("{\"type\":\"metric-update\",\"name\":\"cpu\",\"value\":NaN}");
            assertThat(pub.await("error").path("code").asText()).isEqualTo("INVALID_MESSAGE");
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/rooms/metrics/nan").body().contains("\"messagesProcessed\":0"));
        }
    }
}
