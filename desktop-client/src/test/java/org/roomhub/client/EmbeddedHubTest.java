package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedHubTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_taken_preferred_port_makes_the_app_hub_start_on_another_port_with_its_store(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                EmbeddedHub hub = EmbeddedHub.start(data, taken.getLocalPort())) {
            assertThat(URI.create(hub.url()).getPort()).isNotEqualTo(taken.getLocalPort());
            assertThat(get(hub.url() + "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(hub.url() + "/api/rooms").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void a_second_app_on_the_same_data_folder_is_told_plainly_and_the_first_keeps_running(@TempDir Path data) throws Exception {
        try (EmbeddedHub first = EmbeddedHub.start(data, 0)) {
            assertThatThrownBy(() -> EmbeddedHub.start(data, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another Roomhub app is already using the data folder")
                    .hasMessageContaining("--hub http://127.0.0.1:");
            assertThat(get(first.url() + "/healthz").statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
