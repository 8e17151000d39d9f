package org.roomhub.client.ui.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.client.lab.LabReport;
import org.roomhub.client.lab.ScenarioKind;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.client.ui.architecture.ArchitectureOnRealHub;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Each lab scenario, clicked in the real architecture view, runs on a real hub on port 0, reports
 * plausible measured figures, and leaves the hub as it found it.
 */
class LabScenariosAgainstRealHubTest {

    @RegisterExtension
    final ArchitectureOnRealHub arch = new ArchitectureOnRealHub();

    @Test
    void the_transports_race_measures_every_transport_and_polling_costs_more_bytes_per_message_than_websocket() throws Exception {
        LabReport report = runUntilSettled(ScenarioKind.TRANSPORTS);
        assertThat(number(report.cell("messages received", "WebSocket"))).isGreaterThanOrEqualTo(30);
        assertThat(number(report.cell("messages received", "Polling"))).isGreaterThanOrEqualTo(30);
        assertThat(report.cell("latency p50", "SSE")).endsWith("ms");
        assertThat(report.cell("latency p99", "Polling")).endsWith("ms");
        double ws = number(report.cell("bytes per message", "WebSocket"));
        assertThat(ws).isPositive();
        assertThat(number(report.cell("bytes per message", "Polling"))).isGreaterThan(ws);
        assertThat(number(report.cell("bytes per message", "SSE"))).isGreaterThan(ws);
        assertThat(report.cell("requests per minute", "WebSocket")).isEqualTo("0");
        assertThat(number(report.cell("requests per minute", "Polling"))).isPositive();
        assertThat(report.cell("open connections", "WebSocket")).isEqualTo("1");
        assertThat(report.chart()).hasSize(3).allSatisfy(s -> assertThat(s.values()).isNotEmpty());
        TestPictures.write(arch.view(), "lab-transports");
        stopAndExpectCleanHub();
    }

    @Test
    void a_burst_past_the_chat_limit_gets_rate_limit_errors_and_the_connection_stays_open() throws Exception {
        LabReport report = runUntilSettled(ScenarioKind.BURST);
        int accepted = (int) number(report.cell("accepted and broadcast", "burster"));
        int limited = (int) number(report.cell("refused with RATE_LIMIT", "burster"));
        assertThat(limited).isPositive();
        assertThat(accepted).isPositive().isLessThanOrEqualTo(120);
        assertThat(accepted + limited).isEqualTo(150);
        assertThat(report.cell("connection now", "burster")).isEqualTo("open");
        assertThat(report.cell("ping after the burst", "burster")).startsWith("pong in");
        await().atMost(Duration.ofSeconds(10)).until(() -> arch.viewModel().log().stream().anyMatch(l -> l.text().contains("too fast")
                || l.text().contains("slowed down")));
        stopAndExpectCleanHub();
    }

    @Test
    void a_chat_client_that_stops_reading_is_closed_with_1013_and_resumes_with_nothing_missed() throws Exception {
        LabReport report = runUntilSettled(ScenarioKind.SLOW_CONSUMER);
        assertThat(report.headline()).doesNotStartWith("Stopped");
        String column = "measured";
        assertThat(report.cell("closed with", column)).startsWith("1013");
        assertThat(number(report.cell("queue, highest seen", column))).isPositive();
        assertThat(report.chart().get(0).values()).anyMatch(v -> v > 0);
        assertThat(report.cell("frames missed", column)).as(report.rows().toString()).isEqualTo("0");
        assertThat(report.cell("resume", column)).startsWith("since");
        // the same paced stream timed at the fast client while "slow" read, then while it was stalled
        assertThat(report.cell("others' p50 / p99 before", column)).contains("ms");
        assertThat(report.cell("others' p50 / p99 during", column)).contains("ms");
        assertThat(number(report.cell("others' p50 / p99 during", column).replaceAll("^.*\\(", ""))).as("messages timed during the stall")
                .isGreaterThanOrEqualTo(20);
        assertThat(report.notes()).anyMatch(n -> n.contains("the same readers") && n.contains("p50 went from"));
        assertThat(report.cell("metrics conflation", column)).contains("updates published").doesNotContain("so far");
        stopAndExpectCleanHub();
    }

    @Test
    void a_metric_updated_a_thousand_times_a_second_arrives_about_ten_times_a_second_with_the_last_value() throws Exception {
        LabReport report = runUntilSettled(ScenarioKind.SAMPLING);
        double published = number(report.cell("updates published", "metric lab.counter"));
        double arrived = number(report.cell("metric-updated arrived", "metric lab.counter"));
        assertThat(published).isEqualTo(4_000);
        assertThat(arrived).isBetween(2.0, 4.0 * 10 * 2 + 5); // ~10 a second, never anywhere near 1,000
        assertThat(report.cell("last value arrived", "metric lab.counter")).isEqualTo("4000");
        stopAndExpectCleanHub();
    }

    @Test
    void hibernation_is_measured_from_room_stats_and_heap_and_the_delay_is_set_back() throws Exception {
        LabReport report = runUntilSettled(ScenarioKind.HIBERNATION);
        assertThat(number(report.cell("hibernations", "measured"))).isGreaterThanOrEqualTo(6);
        assertThat(number(report.cell("time hibernated", "measured"))).isPositive();
        assertThat(number(report.cell("time awake (all rooms)", "measured"))).isPositive();
        assertThat(report.cell("heap, rooms awake", "measured")).endsWith("MB");
        assertThat(report.cell("heap, rooms hibernated", "measured")).endsWith("MB");
        assertThat(report.cell("saved", "measured")).endsWith("%");
        for (int i = 0; i < 6; i++) { // CPU per room, not only the sum
            String room = report.cell("room " + i, "measured");
            assertThat(room).as("room " + i).startsWith("CPU ").contains(" ms · awake ").contains(" · asleep ");
            assertThat(number(room)).as("room " + i + " CPU ms").isPositive();
        }
        assertThat(report.notes()).anyMatch(n -> n.contains("1,000 users each awake ~10 s an hour") && n.contains("99.7 % saved"));
        TestPictures.write(arch.view(), "lab-hibernation");
        stopAndExpectCleanHub();
        assertThat(get("/api/config")).contains("\"hibernateAfterMillis\":10000");
    }

    @Test
    void the_inspector_shows_a_rooms_sessions_and_storage_and_deletes_it_through_the_admin_endpoints() throws Exception {
        var visitor = arch.client().join(org.roomhub.protocol.value.RoomAddress.parse("chat/inspected"), "visitor", frame -> { });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> visitor.sessionId() != null);
            visitor.send(new org.roomhub.protocol.frame.ClientFrame.ChatMessage("something to store"));
            await().atMost(Duration.ofSeconds(30)).until(() -> arch.viewModel().roomKeys().contains("chat/inspected"));
            WaitForAsyncUtils.asyncFx(() -> arch.viewModel().selectedRoomProperty().set("chat/inspected")).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                LabReport r = runUntilSettled(ScenarioKind.INSPECTOR);
                return r.rows().stream().anyMatch(row -> row.label().equals("visitor (" + visitor.sessionId() + ")")
                        && row.cells().get(0).startsWith("websocket") && row.cells().get(0).contains("frames queued"));
            });
            LabReport report = WaitForAsyncUtils.asyncFx(() -> arch.viewModel().lab().reportProperty().get()).get();
            assertThat(report.cell("seq", "chat/inspected")).isNotEqualTo("0");
            assertThat(report.cell("storage", "chat/inspected")).contains("keys");
            visitor.close(); // else it would reconnect after the delete's 1001 and make the room again
            await().atMost(Duration.ofSeconds(15)).until(() -> !get("/api/rooms/chat/inspected").contains("\"connections\":1"));
            WaitForAsyncUtils.asyncFx(() -> arch.viewModel().lab().deleteInspected()).get();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get("/api/rooms")).doesNotContain("inspected"));
        } finally {
            visitor.close();
        }
        stopAndExpectCleanHub();
    }

    @Test
    void the_auth_scenario_sees_401_403_forbidden_for_a_viewer_and_success_for_a_member_on_its_own_token_hub() throws Exception {
        LabReport report = runUntilSettled(ScenarioKind.AUTH);
        String column = "what the hub answered";
        assertThat(report.cell("no token", column)).startsWith("refused 401");
        assertThat(report.cell("wrong token", column)).startsWith("refused 403");
        assertThat(report.cell("viewer token", column)).contains("FORBIDDEN");
        assertThat(report.cell("member token", column)).contains("broadcast");
        stopAndExpectCleanHub();
    }

    private LabReport runUntilSettled(ScenarioKind kind) throws Exception {
        return arch.runUntilSettled(kind, Duration.ofSeconds(360));
    }

    private void stopAndExpectCleanHub() throws Exception {
        arch.stopScenario();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/api/rooms")).doesNotContain("lab-"));
    }

    private String get(String path) throws Exception {
        return arch.get(path);
    }

    /** The number in a cell such as "1,234 B" or "12.5 ms". */
    private static double number(String cell) {
        assertThat(cell).as("cell").isNotNull().containsPattern("\\d");
        return Double.parseDouble(cell.replace(",", "").replaceAll("^[^\\d-]*", "").replaceAll("[^\\d.].*$", ""));
    }
}
