package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/**
 * Issue 9, item 8: {@code /metrics} is well-formed exposition that Prometheus' own linter accepts:
 * every family has a {@code # HELP} line with text and a {@code # TYPE} line, and every sample
 * belongs to a declared family.
 */
class MetricsExpositionTest {

    private static final Pattern COMMENT = Pattern.compile("^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})? \\S+$");
    private static final List<String> SUFFIXES = List.of("", "_count", "_sum", "_bucket");

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    @Test
    void every_metric_family_has_help_text_and_a_type_and_every_sample_belongs_to_one() {
        String text;
        // Some traffic, so per-room figures and the wake timer have samples too.
        try (WsClient c = hub.join("/rooms/chat/metrics")) {
            c.await("presence");
            c.send("{\"type\":\"chat-message\",\"text\":\"hi\"}");
            c.await("chat-message");
        }
        hub.send(hub.request("/api/rooms/chat/metrics/hibernate").POST(HttpRequest.BodyPublishers.noBody()).build());
        try (WsClient c = hub.join("/rooms/chat/metrics")) {
            c.await("presence");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/metrics").body().contains("roomhub_wake_latency"));
        text = hub.get("/metrics").body();

        Map<String, String> help = new HashMap<>();
        Map<String, String> type = new HashMap<>();
        List<String> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher comment = COMMENT.matcher(line);
            if (comment.matches()) {
                (comment.group(1).equals("HELP") ? help : type).put(comment.group(2), comment.group(3));
                continue;
            }
            assertThat(line).as("a line that is neither HELP, TYPE nor a sample").doesNotStartWith("#");
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("sample line %s", line).isTrue();
            samples.add(sample.group(1));
        }

        assertThat(type).as("families").isNotEmpty().containsKeys("roomhub_connections_opened_total",
                "roomhub_frames_dropped_total", "roomhub_connections_rejected_total", "roomhub_room_messages_processed");
        assertThat(help.keySet()).as("families with HELP are exactly those with TYPE").isEqualTo(type.keySet());
        help.forEach((family, words) -> assertThat(words).as("help text of %s", family).isNotBlank());
        for (String name : samples) {
            assertThat(SUFFIXES.stream().anyMatch(s -> name.endsWith(s) && type.containsKey(name.substring(0, name.length() - s.length()))))
                    .as("sample %s belongs to a declared family", name).isTrue();
        }
    }
}
