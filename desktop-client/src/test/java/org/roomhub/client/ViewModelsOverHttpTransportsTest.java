package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.net.TransportKind;
import org.roomhub.client.ui.chat.ChatLine;
import org.roomhub.client.ui.chat.ChatViewModel;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.client.ui.map.MapViewModel;
import org.roomhub.client.ui.shell.ShellViewModel;
import org.roomhub.client.ui.shell.Transport;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.protocol.FrameCodec;

/**
 * The unchanged view-models over SSE and polling against a real hub on port 0, and the connection
 * bar's transport choice reconnecting the tabs.
 */
class ViewModelsOverHttpTransportsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();
    private HubEndpoint endpoint;

    @BeforeEach
    void findHub() {
        endpoint = HubEndpoint.parse("127.0.0.1:" + hub.port(), null);
    }

    @ParameterizedTest(name = "two chat view-models talk over {0} as they do over WebSocket")
    @EnumSource(value = TransportKind.class, names = {"SSE", "POLLING"})
    void two_chat_view_models_talk_over_an_http_transport_as_they_do_over_websocket(TransportKind kind) {
        try (HubClient a = new HubClient(endpoint, new FrameCodec(), kind); HubClient b = new HubClient(endpoint, new FrameCodec(), kind)) {
            ChatViewModel ann = new ChatViewModel(Runnable::run, System::currentTimeMillis);
            ChatViewModel bob = new ChatViewModel(Runnable::run, System::currentTimeMillis);
            ann.attach(a, new SessionSettings("ann", "lobby", "h"));
            bob.attach(b, new SessionSettings("bob", "lobby", "h"));
            await().atMost(PATIENCE).until(() -> ann.people().size() == 2 && bob.people().size() == 2);
            assertThat(ann.statusProperty().get()).isEqualTo("chat/lobby: connected");

            ann.draftProperty().set("hello bob over " + kind);
            ann.send();
            await().atMost(PATIENCE).until(() -> bob.lines().stream()
                    .anyMatch(l -> l.kind() == ChatLine.Kind.MESSAGE && l.text().equals("hello bob over " + kind)));

            bob.directToProperty().set(bob.people().stream().filter(p -> p.user().equals("ann")).findFirst().orElseThrow());
            bob.draftProperty().set("just for you");
            bob.send();
            await().atMost(PATIENCE).until(() -> ann.lines().stream()
                    .anyMatch(l -> l.kind() == ChatLine.Kind.DIRECT_IN && l.text().equals("just for you")));
            ann.detach();
            bob.detach();
        }
    }

    @ParameterizedTest(name = "a pin set over {0} reaches a map view-model on WebSocket")
    @EnumSource(value = TransportKind.class, names = {"SSE", "POLLING"})
    void a_pin_set_over_an_http_transport_reaches_a_map_view_model_on_websocket(TransportKind kind) {
        try (HubClient a = new HubClient(endpoint, new FrameCodec(), kind); HubClient b = new HubClient(endpoint, new FrameCodec())) {
            MapViewModel ann = new MapViewModel(Runnable::run);
            MapViewModel bob = new MapViewModel(Runnable::run);
            ann.attach(a, new SessionSettings("ann", "lobby", "h"));
            bob.attach(b, new SessionSettings("bob", "lobby", "h"));
            await().atMost(PATIENCE).until(() -> ann.hasLiveData() && bob.hasLiveData());

            ann.mapClicked(48.85, 2.35);

            await().atMost(PATIENCE).until(() -> bob.pins().stream().anyMatch(p -> Math.abs(p.location().lat() - 48.85) < 1e-6));
            ann.detach();
            bob.detach();
        }
    }

    @ParameterizedTest(name = "choosing {0} in the connection bar reconnects the chat tab over it")
    @EnumSource(value = Transport.class, names = {"SSE", "POLLING"})
    void choosing_an_http_transport_in_the_connection_bar_reconnects_the_chat_tab_over_it(Transport choice) {
        ChatViewModel chat = new ChatViewModel(Runnable::run, System::currentTimeMillis);
        ShellViewModel shell = new ShellViewModel(List.of(chat), List.of(), (e, kind) -> new HubClient(e, new FrameCodec(), kind),
                Runnable::run, new Identity("ann"), endpoint.baseUrl().toString(), null, "local");
        shell.roomNameProperty().set("bar");
        try {
            shell.connect();
            await().atMost(PATIENCE).until(() -> chat.people().size() == 1);
            assertThat(hub.hub().edgeCounts().httpSessions()).isZero();

            shell.transportProperty().set(choice);

            // The chat keeps what it showed across the switch, so wait for the new session itself, not for a list.
            await().atMost(PATIENCE).until(() -> hub.hub().edgeCounts().httpSessions() == 1 && chat.statusProperty().get().endsWith(": connected")
                    && chat.people().size() == 1 && chat.people().get(0).sessionId().equals(chat.sessionId()));
            chat.draftProperty().set("switched to " + choice);
            chat.send();
            await().atMost(PATIENCE).until(() -> chat.lines().stream()
                    .anyMatch(l -> l.kind() == ChatLine.Kind.MESSAGE && l.text().equals("switched to " + choice)));
        } finally {
            shell.disconnect();
        }
    }
}
