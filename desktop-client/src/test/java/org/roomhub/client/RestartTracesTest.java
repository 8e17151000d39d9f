package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.client.ui.architecture.ArchitectureView;
import org.roomhub.client.ui.architecture.ArchitectureViewModel;
import org.roomhub.client.ui.architecture.Reachability;
import org.roomhub.client.ui.chat.ChatLine;
import org.roomhub.client.ui.chat.ChatViewModel;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.protocol.FrameCodec;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a hub restart leaves in the app: the chat and the architecture view over a real hub that is
 * stopped gracefully and started again on the same port and data. The status says the hub is
 * restarting, the diagram says it is unreachable instead of showing stale rooms, and my own join is
 * not replayed back to me afterwards.
 */
class RestartTracesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();
    private HubClient client;

    @BeforeAll
    static void startFx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stopEverything() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void a_restart_reads_as_restarting_then_unreachable_and_leaves_no_replayed_join_of_mine() throws Exception {
        int port = hub.port();
        client = new HubClient(HubEndpoint.parse("127.0.0.1:" + port, null), new FrameCodec());
        SessionSettings session = new SessionSettings("http://127.0.0.1:" + port, new Identity("carol"), "lobby", "h");
        ChatViewModel chat = new ChatViewModel(Platform::runLater, System::currentTimeMillis);
        ArchitectureViewModel architecture = new ArchitectureViewModel(Platform::runLater, System::currentTimeMillis);
        ArchitectureView view = WaitForAsyncUtils.asyncFx(() -> {
            ArchitectureView v = new ArchitectureView(architecture);
            TestPictures.show(new Stage(), v);
            chat.attach(client, session);
            architecture.attach(client, session);
            return v;
        }).get();
        await().atMost(PATIENCE).until(() -> chat.people().size() == 1
                && architecture.reachabilityProperty().get() == Reachability.REACHABLE && architecture.rooms().containsKey("chat/lobby"));
        int linesBefore = chat.lines().size();

        hub.stop();

        try {
            await().atMost(PATIENCE).until(() -> architecture.reachabilityProperty().get() == Reachability.UNREACHABLE);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Seen once in a CI run and never since: say what the view and the chat saw, for the next reader.
            throw new AssertionError("the diagram still says " + architecture.reachabilityProperty().get() + " after the stop; its status: "
                    + architecture.statusProperty().get() + "; the chat's: " + chat.statusProperty().get(), e);
        }
        await().atMost(PATIENCE).until(() -> chat.statusProperty().get().contains("reconnecting"));
        assertThat(chat.statusProperty().get()).containsAnyOf("restarting", "unreachable", "connection lost").doesNotContain("Exception");
        assertThat(architecture.statusProperty().get()).doesNotContain("Exception");
        TestPictures.write(view, "architecture-hub-unreachable");

        hub.startAgainOnSamePort();

        await().atMost(PATIENCE).until(() -> architecture.reachabilityProperty().get() == Reachability.REACHABLE
                && chat.statusProperty().get().endsWith(": connected") && chat.people().size() == 1);
        await().during(Duration.ofMillis(500)).atMost(PATIENCE).until(() -> chat.people().size() == 1);
        List<ChatLine> after = List.copyOf(chat.lines().subList(linesBefore, chat.lines().size()));
        assertThat(after).extracting(ChatLine::text).noneMatch(t -> t.startsWith("carol "));
        assertThat(chat.lines()).isSortedAccordingTo(java.util.Comparator.comparingLong(ChatLine::ts));
        assertThat(architecture.rooms()).containsKey("chat/lobby"); // the timeline survived the restart
        WaitForAsyncUtils.asyncFx(() -> {
            chat.detach();
            architecture.detach();
            view.getScene().getWindow().hide();
        }).get();
    }
}
