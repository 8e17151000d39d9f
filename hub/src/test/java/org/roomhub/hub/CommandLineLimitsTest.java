package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.testkit.HubProcess;
import org.roomhub.hub.testkit.PollClient;
import org.roomhub.hub.testkit.WsClient;

/** Issue 9, item 8: connection limits per room and per user are command-line options of the hub. */
class CommandLineLimitsTest {

    @TempDir
    Path data;

    @Test
    void max_connections_per_room_and_per_user_given_on_the_command_line_refuse_the_next_client() throws Exception {
        try (HubProcess hub = HubProcess.start(data, "--max-connections-per-room", "2", "--max-connections-per-user", "1")) {
            String base = "127.0.0.1:" + hub.port;
            try (WsClient ann = WsClient.connect(URI.create("ws://" + base + "/rooms/chat/small?name=ann"));
                    WsClient bob = WsClient.connect(URI.create("ws://" + base + "/rooms/chat/small?name=bob"))) {
                ann.await("presence");
                bob.await("presence");
                // A third client finds the room full.
                try (WsClient cid = WsClient.connect(URI.create("ws://" + base + "/rooms/chat/small?name=cid"))) {
                    assertThat(cid.await("error").path("code").asText()).isEqualTo("ROOM_FULL");
                    await().atMost(Duration.ofSeconds(10)).until(cid.closed::isDone);
                    assertThat(cid.closed.join()).isEqualTo(1013);
                }
                // Ann already holds her one connection, in any room.
                HttpResponse<String> again = PollClient.getRaw(URI.create("http://" + base + "/rooms/chat/other/poll?name=ann"));
                assertThat(again.statusCode()).isEqualTo(429);
                assertThat(again.body()).contains("ROOM_FULL");
            }
        }
    }

    @Test
    void a_limit_below_one_is_refused_with_a_message() throws Exception {
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = new picocli.CommandLine(new HubCommand()).setErr(new java.io.PrintWriter(err))
                .execute("--port", "0", "--data", data.toString(), "--max-connections-per-room", "0");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("--max-connections-per-room");
    }
}
