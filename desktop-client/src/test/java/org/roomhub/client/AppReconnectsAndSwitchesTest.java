package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.client.ui.architecture.ClientNode;
import org.roomhub.client.ui.chat.ChatLine;
import org.roomhub.client.net.TransportKind;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.value.Presence;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Two apps ("ann" and "bob") on one open hub, driven through their windows: a client disconnected
 * and back within a second keeps itself in presence; a name set in the bar is the one name
 * everywhere and survives a transport switch, which keeps the chat (direct messages too), tells
 * nobody "you left", leaves no ghost session and keeps the architecture timeline; a hibernation
 * delay that is not a number is refused in words.
 */
class AppReconnectsAndSwitchesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static Hub hub;
    private static DesktopApp ann;
    private static DesktopApp bob;
    private static Stage annStage;
    private static Stage bobStage;
    private static final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startHubAndTwoApps() throws Exception {
        hub = Hub.create(cfg -> cfg.storage.dataDir = dataDir).start(0);
        FxToolkit.registerPrimaryStage();
        String url = "http://127.0.0.1:" + hub.port();
        onFx(() -> {
            annStage = new Stage();
            ann = new DesktopApp(url, null, "ann", "lobby", "ann-host");
            ann.show(annStage, 1100, 720);
            bobStage = new Stage();
            bob = new DesktopApp(url, null, "bob", "lobby", "bob-host");
            bob.show(bobStage, 1100, 720);
            return null;
        });
        waiting().until(() -> onFx(() -> ann.chat().people().size() == 2 && bob.chat().people().size() == 2));
    }

    @AfterAll
    static void closeAppsAndHub() throws Exception {
        onFx(() -> {
            for (DesktopApp app : new DesktopApp[] {ann, bob}) {
                if (app != null) {
                    app.close();
                }
            }
            annStage.hide();
            bobStage.hide();
            return null;
        });
        hub.stop();
    }

    @Test
    void a_client_disconnected_and_back_within_a_second_stays_in_its_own_presence_list() throws Exception {
        String name = onFx(() -> bob.chat().meProperty().get());
        String first = onFx(() -> bob.chat().sessionId());
        waiting().until(() -> onFx(() -> ann.architecture().clients().stream().anyMatch(c -> c.sessionId().equals(first))));

        // Disconnected from the other app's architecture view, as in the report.
        onFx(() -> {
            ClientNode node = ann.architecture().clients().stream().filter(c -> c.sessionId().equals(first)).findFirst().orElseThrow();
            ann.architecture().disconnect(node);
            return null;
        });

        waiting().until(() -> onFx(() -> bob.chat().sessionId() != null && !bob.chat().sessionId().equals(first)
                && bob.chat().people().stream().anyMatch(p -> p.sessionId().equals(bob.chat().sessionId()))));
        // The hub's presence and mine agree: both of us, once each; and no "bob left" about myself.
        waiting().until(() -> onFx(() -> bob.chat().people().size()) == hubConnections("chat/lobby"));
        assertThat(onFx(() -> List.copyOf(bob.chat().people()))).extracting(Presence::user).containsExactlyInAnyOrder("ann", name);
        assertThat(onFx(() -> List.copyOf(bob.chat().lines()))).extracting(ChatLine::text).noneMatch(t -> t.equals(name + " left"));
    }

    @Test
    void a_name_set_in_the_bar_is_the_one_name_everywhere_and_survives_a_transport_switch_that_keeps_the_chat() throws Exception {
        // Ann writes to Bob privately before anything changes.
        String secret = "psst " + System.nanoTime();
        onFx(() -> {
            Presence bobThere = ann.chat().people().stream().filter(p -> p.sessionId().equals(bob.chat().sessionId())).findFirst().orElseThrow();
            ann.chat().directToProperty().set(bobThere);
            ann.chat().draftProperty().set(secret);
            ann.chat().send();
            ann.chat().directToProperty().set(null);
            return null;
        });
        waiting().until(() -> onFx(() -> hasLine(bob, ChatLine.Kind.DIRECT_IN, secret)));

        // Bob renames himself in the connection bar: name, then Enter.
        robot.interact(() -> bobStage.toFront());
        TextField nameField = (TextField) node(bob, "#user-name");
        robot.interact(nameField::clear);
        robot.clickOn(nameField).write("Robert").type(javafx.scene.input.KeyCode.ENTER);

        waiting().until(() -> onFx(() -> ann.chat().people().stream().anyMatch(p -> p.user().equals("Robert"))));
        assertThat(onFx(() -> bob.chat().meProperty().get())).isEqualTo("Robert");
        assertThat(onFx(() -> ((Label) node(bob, "#chat-me")).getText())).isEqualTo("Robert");
        onFx(() -> {
            bob.map().mapClicked(48.2, 16.4);
            return null;
        });
        waiting().until(() -> onFx(() -> ann.map().pins().stream().anyMatch(p -> "Robert".equals(p.label()))));
        waiting().until(() -> onFx(() -> bob.architecture().clients().stream().anyMatch(c -> bob.architecture().labelOf(c).startsWith("Robert (you)"))));
        int spansBefore = onFx(() -> bob.architecture().rooms().get("chat/lobby").spans().size());

        // Then switches transport in the bar.
        onFx(() -> {
            @SuppressWarnings("unchecked")
            ComboBox<TransportKind> transport = (ComboBox<TransportKind>) node(bob, "#transport");
            transport.setValue(TransportKind.SSE);
            return null;
        });

        waiting().until(() -> onFx(() -> bob.chat().statusProperty().get().contains("connected")
                && bob.chat().people().stream().anyMatch(p -> p.sessionId().equals(bob.chat().sessionId()))));
        // Still Robert, for the hub too (the reconnect asked for it), in the bar and in the chat.
        assertThat(onFx(() -> ((TextField) node(bob, "#user-name")).getText())).isEqualTo("Robert");
        waiting().until(() -> onFx(() -> ann.chat().people().stream().filter(p -> p.sessionId().equals(bob.chat().sessionId()))
                .anyMatch(p -> p.user().equals("Robert"))));
        // The chat was kept, the direct message with it; nobody was told that I left.
        assertThat(onFx(() -> hasLine(bob, ChatLine.Kind.DIRECT_IN, secret))).isTrue();
        assertThat(onFx(() -> List.copyOf(bob.chat().lines()))).extracting(ChatLine::text)
                .noneMatch(t -> t.equals("Robert left") || t.equals("bob left"));
        // No ghost: the old session is gone from the hub's count and from the map room's clients at once.
        waiting().until(() -> onFx(() -> bob.chat().people().size()) == 2 && hubConnections("chat/lobby") == 2);
        waiting().until(() -> onFx(() -> ann.architecture().clients().stream()
                .filter(c -> c.room().equals("map/lobby") && c.user().matches("bob|Robert")).map(ClientNode::transport).toList())
                .equals(List.of("sse")));
        // The architecture timeline kept its history.
        assertThat(onFx(() -> bob.architecture().rooms().get("chat/lobby").spans().size())).isGreaterThanOrEqualTo(spansBefore);
        robot.interact(() -> bobStage.toFront());
        robot.clickOn(node(bob, "#tab-chat"));
        TestPictures.write(bob.root(), "chat-after-rename-and-transport-switch");
        robot.clickOn(node(bob, "#tab-architecture"));
        TestPictures.write(bob.root(), "architecture-after-transport-switch");
    }

    @Test
    void a_hibernation_delay_that_is_not_a_number_is_refused_in_words() throws Exception {
        robot.interact(() -> annStage.toFront());
        robot.clickOn(node(ann, "#tab-architecture"));
        TextField delay = (TextField) node(ann, "#architecture-delay");
        robot.interact(delay::clear);
        robot.clickOn(delay).write("abc");
        robot.clickOn(node(ann, "#architecture-set-delay"));

        Label problem = (Label) node(ann, "#architecture-delay-problem");
        waiting().until(() -> onFx(problem::isVisible));
        assertThat(onFx(problem::getText)).contains("\"abc\" is not a whole number of seconds");
        TestPictures.write(ann.root(), "architecture-delay-abc");
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static boolean hasLine(DesktopApp app, ChatLine.Kind kind, String text) {
        return app.chat().lines().stream().anyMatch(l -> l.kind() == kind && l.text().equals(text));
    }

    /** The hub's own figure: open connections of a room. */
    private static int hubConnections(String room) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + hub.port() + "/api/rooms/" + room)).build(), HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("connections").asInt();
    }

    private static Node node(DesktopApp app, String query) {
        return robot.from(app.root()).lookup(query).query();
    }

    private static ConditionFactory waiting() {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(60, TimeUnit.SECONDS); // generous: a loaded machine starves the FX thread
    }
}
