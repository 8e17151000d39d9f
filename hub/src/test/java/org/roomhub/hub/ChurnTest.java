package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;

class ChurnTest {

    private static final int CYCLES = 10_000;
    private static final int WORKERS = 4;

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> {
        cfg.transport.pollingSessionTimeout = Duration.ofSeconds(1);
        cfg.transport.heartbeatInterval = Duration.ofMillis(250);
    });
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void ten_thousand_connect_disconnect_cycles_over_every_transport_leave_no_session_behind() throws Exception {
        String base = "127.0.0.1:" + hub.port() + "/rooms/metrics/churn";
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            work.add(pool.submit(() -> {
                for (int i = worker; i < CYCLES; i += WORKERS) {
                    switch (i % 5) {
                        case 0, 1, 2 -> webSocketCycle(URI.create("ws://" + base));
                        case 3 -> sseCycle(URI.create("http://" + base + "/events"));
                        default -> pollCycle(URI.create("http://" + base + "/poll"));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.get("/api/rooms/metrics/churn").body().contains("\"connections\":0"));
        assertThat(hub.get("/api/rooms/metrics/churn").body()).contains("\"totalConnections\":" + CYCLES);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.hub().edgeCounts().equals(new Hub.EdgeCounts(0, 0, 0)));
        assertThat(hub.get("/metrics").body()).contains("roomhub_connections 0.0");
    }

    private void webSocketCycle(URI uri) {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
                connected.complete(null);
                s.request(1);
                return null;
            }
        }).join();
        connected.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        ws.sendClose(1000, "bye").join();
    }

    private void sseCycle(URI uri) throws Exception {
        HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = r.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                if (it.next().equals("event: connected")) {
                    break;
                }
            }
        }
    }

    private void pollCycle(URI uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("\"type\":\"connected\"");
    }
}
