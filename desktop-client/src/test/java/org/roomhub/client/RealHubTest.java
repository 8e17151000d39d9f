package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.client.agent.MetricsPublisher;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.chat.ChatLine;
import org.roomhub.client.ui.chat.ChatViewModel;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.client.ui.map.MapViewModel;
import org.roomhub.client.ui.metrics.MetricsViewModel;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.protocol.FrameCodec;

/** The view-models against a real hub on port 0 (the hub's test kit), over real WebSockets. */
class RealHubTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();
    private HubClient clientA;
    private HubClient clientB;

    @BeforeEach
    void connectClients() {
        HubEndpoint endpoint = HubEndpoint.parse("127.0.0.1:" + hub.port(), null);
        clientA = new HubClient(endpoint, new FrameCodec());
        clientB = new HubClient(endpoint, new FrameCodec());
    }

    @AfterEach
    void closeClients() {
        clientA.close();
        clientB.close();
    }

    @Test
    void a_chat_message_goes_from_one_client_to_the_other() {
        ChatViewModel ann = new ChatViewModel(Runnable::run, System::currentTimeMillis);
        ChatViewModel bob = new ChatViewModel(Runnable::run, System::currentTimeMillis);
        ann.attach(clientA, new SessionSettings("ann", "lobby", "h"));
        bob.attach(clientB, new SessionSettings("bob", "lobby", "h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ann.people().size() == 2 && bob.people().size() == 2);
        ann.draftProperty().set("hello bob");
        ann.send();
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.lines().stream()
                .anyMatch(l -> l.kind() == ChatLine.Kind.MESSAGE && l.text().equals("hello bob")));
        ann.detach();
        bob.detach();
    }

    @Test
    void a_pin_set_by_one_client_reaches_the_other() {
        MapViewModel ann = new MapViewModel(Runnable::run);
        MapViewModel bob = new MapViewModel(Runnable::run);
        ann.attach(clientA, new SessionSettings("ann", "lobby", "h"));
        bob.attach(clientB, new SessionSettings("bob", "lobby", "h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ann.hasLiveData() && bob.hasLiveData());
        ann.mapClicked(52.52, 13.40);
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.pins().stream().anyMatch(p -> Math.abs(p.location().lat() - 52.52) < 1e-6));
        ann.detach();
        bob.detach();
    }

    @Test
    void published_host_metrics_reach_a_chart_with_history() {
        MetricsPublisher publisher = MetricsPublisher.start(clientA, "testhost");
        MetricsViewModel metrics = new MetricsViewModel(Runnable::run, System::currentTimeMillis);
        try {
            metrics.attach(clientB, "testhost");
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                metrics.applyPending();
                return metrics.hasLiveData();
            });
            assertThat(metrics.charts()).isNotEmpty();
        } finally {
            metrics.detach();
            publisher.close();
        }
    }
}
