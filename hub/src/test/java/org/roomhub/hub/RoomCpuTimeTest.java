package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

/** A room's {@code cpuMillis} (room stats) grows with the work it does and, like its other figures, never goes down. */
class RoomCpuTimeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    @Test
    void a_rooms_cpu_time_is_positive_after_chat_and_never_decreases_across_hibernation_wake_and_restart() throws Exception {
        // The figure is 0 by design on a JVM without thread CPU time; every JDK we build on has it.
        assertThat(ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported()).isTrue();
        try (WsClient chat = hub.join("/rooms/chat/cpu")) {
            chat.await("presence");
            for (int i = 0; i < 20; i++) {
                chat.send("{\"type\":\"chat-message\",\"text\":\"hello " + i + "\"}");
            }
            chat.await("chat-message", f -> f.path("text").asText().equals("hello 19"));
            await().atMost(Duration.ofSeconds(20)).until(() -> cpu() > 0);
            double worked = cpu();

            hub.send(hub.request("/api/rooms/chat/cpu/hibernate").POST(HttpRequest.BodyPublishers.noBody()).build());
            await().atMost(Duration.ofSeconds(20)).until(() -> stats().path("state").asText().equals("hibernating"));
            double hibernated = cpu();
            assertThat(hibernated).isGreaterThanOrEqualTo(worked);

            chat.send("{\"type\":\"chat-message\",\"text\":\"wake up\"}");
            chat.await("chat-message", f -> f.path("text").asText().equals("wake up"));
            await().atMost(Duration.ofSeconds(20)).until(() -> stats().path("messagesProcessed").asLong() == 21);
            double woken = cpu();
            assertThat(woken).isGreaterThanOrEqualTo(hibernated);
            assertThat(stats().path("hibernations").asLong()).isGreaterThanOrEqualTo(1);
        }
        double beforeRestart = cpu();
        hub.restart();
        assertThat(cpu()).as("stored with the room's figures").isGreaterThanOrEqualTo(beforeRestart);
    }

    private JsonNode stats() throws Exception {
        return JSON.readTree(hub.get("/api/rooms/chat/cpu").body());
    }

    private double cpu() throws Exception {
        JsonNode figure = stats().path("cpuMillis");
        assertThat(figure.isNumber()).as("cpuMillis is a number").isTrue();
        return figure.asDouble();
    }
}
