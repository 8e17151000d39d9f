package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.chat.ChatLine;
import org.roomhub.client.ui.chat.ChatViewModel;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.protocol.FrameCodec;

/**
 * The desktop's chat view-model on a client given two hub URLs (two real hubs on port 0): when the
 * first hub stops, the tab reconnects to the second by itself and keeps sending and receiving.
 */
class ChatViewModelFailsOverTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);

    @RegisterExtension
    final RunningHub first = RunningHub.onPort0();
    @RegisterExtension
    final RunningHub second = RunningHub.onPort0();

    @Test
    void the_chat_tab_keeps_working_after_its_hub_dies_on_the_next_url() {
        String urls = "127.0.0.1:" + first.port() + ",127.0.0.1:" + second.port();
        try (HubClient a = new HubClient(HubEndpoint.parse(urls, null), new FrameCodec());
             HubClient b = new HubClient(HubEndpoint.parse("127.0.0.1:" + second.port(), null), new FrameCodec())) {
            ChatViewModel ann = new ChatViewModel(Runnable::run, System::currentTimeMillis);
            ChatViewModel bob = new ChatViewModel(Runnable::run, System::currentTimeMillis);
            ann.attach(a, new SessionSettings("ann", "lobby", "h"));
            await().atMost(PATIENCE).until(() -> ann.statusProperty().get().equals("chat/lobby: connected"));
            bob.attach(b, new SessionSettings("bob", "lobby", "h"));

            first.stop();

            await().atMost(PATIENCE).until(() -> ann.people().size() == 2 && bob.people().size() == 2);
            assertThat(ann.statusProperty().get()).isEqualTo("chat/lobby: connected");
            assertThat(a.current().baseUrl().getPort()).isEqualTo(second.port());
            ann.draftProperty().set("still here after the failover");
            ann.send();
            await().atMost(PATIENCE).until(() -> bob.lines().stream()
                    .anyMatch(l -> l.kind() == ChatLine.Kind.MESSAGE && l.text().equals("still here after the failover")));
            bob.draftProperty().set("welcome over");
            bob.send();
            await().atMost(PATIENCE).until(() -> ann.lines().stream()
                    .anyMatch(l -> l.kind() == ChatLine.Kind.MESSAGE && l.text().equals("welcome over")));
            ann.detach();
            bob.detach();
        }
    }
}
