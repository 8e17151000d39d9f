package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.client.ui.architecture.ClientNode;
import org.roomhub.hub.Hub;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app against a hub that requires tokens, driven through the connection bar as a new user would:
 * started without a token, then a token typed in the window and Reconnect pressed. A refusal is
 * said in the hub's words with no retry loop; every connection, this machine's metrics publisher
 * included, follows the bar; a member token leaves the architecture tab explaining itself with its
 * controls off; the name is the token's user everywhere.
 */
class AppAgainstTokenHubTest {

    private static final String HOST = "token-host";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static Hub hub;
    private static DesktopApp app;
    private static Stage stage;
    private static final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startTokenHubAndAppWithoutToken() throws Exception {
        hub = Hub.create(cfg -> {
            cfg.storage.dataDir = dataDir;
            cfg.auth.required = true;
        }).start(0);
        FxToolkit.registerPrimaryStage();
        String url = "http://127.0.0.1:" + hub.port();
        onFx(() -> {
            stage = new Stage();
            app = new DesktopApp(url, null, "root", "lobby", HOST, true, org.roomhub.client.ui.map.ViewportStore.inMemory());
            app.show(stage, 1200, 760);
            return null;
        });
    }

    @AfterAll
    static void closeAppAndHub() throws Exception {
        if (app != null) {
            onFx(() -> {
                app.close();
                stage.hide();
                return null;
            });
        }
        if (hub != null) {
            hub.stop();
        }
    }

    @Test
    void without_a_token_the_bar_says_the_hub_needs_one_marks_the_field_and_does_not_retry() throws Exception {
        connectWith("");

        waiting().until(() -> onFx(() -> error().contains("This hub needs a token")));
        assertThat(onFx(() -> ((PasswordField) node("#hub-token")).getPromptText())).contains("required").doesNotContain("optional");
        assertThat(onFx(() -> node("#hub-token").getPseudoClassStates().toString())).contains("refused");
        // No retry loop: the status stays on the refusal instead of counting down to the next attempt.
        await().during(Duration.ofMillis(1500)).atMost(PATIENCE).until(() -> onFx(() ->
                app.chat().statusProperty().get().contains("refused") && !app.chat().statusProperty().get().contains("retry")));
        TestPictures.write(app.root(), "token-missing");
    }

    @Test
    void a_wrong_token_is_refused_in_the_hubs_own_words() throws Exception {
        connectWith("this-is-not-a-token");

        waiting().until(() -> onFx(() -> error().contains("token is invalid or expired")));
        assertThat(onFx(this::error)).doesNotContain("403").doesNotContain("Unexpected HTTP");
        TestPictures.write(app.root(), "token-wrong");
    }

    @Test
    void a_member_token_typed_in_the_window_connects_every_room_and_the_publisher_and_names_me_after_the_token() throws Exception {
        connectWith(hub.tokens().issue("bob", Role.MEMBER, List.of(RoomPattern.parse("*")), false, Duration.ofHours(1)));

        waiting().until(() -> onFx(() -> app.chat().people().stream().anyMatch(p -> p.user().equals("bob"))));
        assertThat(onFx(this::error)).doesNotContain("refused").doesNotContain("needs a token");
        // This machine's publisher was re-made with the new token: samples keep arriving, not one.
        waiting().until(() -> onFx(() -> {
            app.metrics().applyPending();
            return app.metrics().charts().stream().anyMatch(chart -> chart.series().stream()
                    .anyMatch(s -> s.host().equals(HOST) && s.buffer().size() >= 3));
        }));
        // One name: the token's user, in the bar and in the chat.
        assertThat(onFx(() -> ((TextField) node("#user-name")).getText())).isEqualTo("bob");
        assertThat(onFx(() -> app.chat().meProperty().get())).isEqualTo("bob");
        assertThat(onFx(() -> ((Label) node("#connection-notice")).getText())).contains("\"bob\"").contains("from your token");

        // The architecture tab: no admin rights, so it says so, its controls are off, and nothing loops.
        robot.clickOn(node("#tab-architecture"));
        waiting().until(() -> onFx(() -> node("#architecture-needs-admin").isVisible()));
        assertThat(onFx(() -> node("#architecture-add-client").isDisabled())).isTrue();
        assertThat(onFx(() -> app.architecture().statusProperty().get())).contains("needs an admin token");
        robot.clickOn(node("#architecture-add-client"));
        await().during(Duration.ofMillis(1000)).atMost(PATIENCE).until(() -> onFx(() ->
                app.architecture().clients().stream().noneMatch(ClientNode::simulated)
                        && app.chat().people().stream().noneMatch(p -> p.user().startsWith("sim-"))
                        && !app.architecture().statusProperty().get().contains("retry")));
        TestPictures.write(app.root(), "architecture-member-token");
    }

    @Test
    void an_admin_token_typed_in_the_window_turns_the_architecture_controls_on() throws Exception {
        connectWith(hub.tokens().issue("alice", Role.ADMIN, List.of(RoomPattern.parse("*")), false, Duration.ofHours(1)));

        waiting().until(() -> onFx(() -> app.architecture().rooms().containsKey("chat/lobby")));
        // The name comes with the chat room's welcome, on its own connection: the architecture's rooms can come first.
        waiting().until(() -> onFx(() -> app.chat().people().stream().anyMatch(p -> p.user().equals("alice"))));
        assertThat(onFx(() -> node("#architecture-needs-admin").isVisible())).isFalse();
        assertThat(onFx(() -> node("#architecture-add-client").isDisabled())).isFalse();
        assertThat(onFx(() -> ((TextField) node("#user-name")).getText())).isEqualTo("alice");
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Types {@code token} into the token field as a user would and presses the Connect/Reconnect button. */
    private static void connectWith(String token) throws Exception {
        robot.interact(() -> {
            stage.toFront();
            ((PasswordField) node("#hub-token")).clear();
        });
        if (!token.isEmpty()) {
            robot.clickOn(node("#hub-token"));
            // Long tokens are pasted, as users do; typing 200 characters through the robot only costs time.
            robot.interact(() -> ((PasswordField) node("#hub-token")).setText(token));
        }
        robot.clickOn((Button) node("#connect"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String error() {
        return ((Label) node("#connection-error")).getText();
    }

    private static Node node(String query) {
        return robot.from(app.root()).lookup(query).query();
    }

    private static ConditionFactory waiting() {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(60, TimeUnit.SECONDS); // generous: a loaded machine starves the FX thread
    }
}
