package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.client.agent.MetricsPublisher;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.architecture.ClientNode;
import org.roomhub.client.ui.architecture.LogEntry;
import org.roomhub.client.ui.architecture.RoomNode;
import org.roomhub.client.ui.chat.ChatLine;
import org.roomhub.client.ui.metrics.TimeSeriesChart;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.RoomState;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real app shell, twice ("ann" and "bob", each a {@link DesktopApp} in its own window with
 * its own {@link HubClient}), against a real hub on port 0 that hibernates rooms after 500 ms.
 * Driven through the UI with the TestFX robot; checked on the nodes the user sees. One hub and
 * two apps serve every test (a WebView per app is the expensive part); each test waits for its
 * own conditions, so the order does not matter.
 */
class AppAgainstRealHubTest {

    private static final String HOST = "e2e-host";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static Hub hub;
    private static OpenApp ann;
    private static OpenApp bob;
    private static final FxRobot robot = new FxRobot();

    /** One app in its window. */
    private record OpenApp(DesktopApp app, Stage stage) {}

    @BeforeAll
    static void startHubAndTwoApps() throws Exception {
        hub = Hub.create(cfg -> {
            cfg.storage.dataDir = dataDir;
            cfg.rooms.hibernateAfter = Duration.ofMillis(500);
        }).start(0);
        FxToolkit.registerPrimaryStage();
        ann = open("ann");
        bob = open("bob");
    }

    @AfterAll
    static void closeAppsAndHub() throws Exception {
        for (OpenApp open : new OpenApp[] {ann, bob}) {
            if (open != null) {
                onFx(() -> {
                    open.app().close();
                    open.stage().hide();
                    return null;
                });
            }
        }
        if (hub != null) {
            hub.stop();
        }
    }

    @Test
    void host_metrics_published_over_a_real_connection_are_drawn_in_the_charts() throws Exception {
        front(ann);
        robot.clickOn(node(ann, "#tab-metrics"));
        try (HubClient agentClient = new HubClient(endpoint(), new FrameCodec());
                MetricsPublisher publisher = MetricsPublisher.start(agentClient, HOST)) {
            waiting().until(() -> onFx(() -> charts(ann).stream().anyMatch(chart -> chart.model().series().stream()
                    .anyMatch(s -> s.host().equals(HOST) && s.buffer().size() >= 3))));
        }
        onFx(() -> {
            List<TimeSeriesChart> charts = charts(ann);
            assertThat(charts).allMatch(Node::isVisible).allMatch(chart -> chart.getWidth() > 0 && chart.getHeight() > 0);
            assertThat(((Label) node(ann, "#metrics-points")).getText()).doesNotStartWith("0 ");
            assertThat(ann.app().metrics().hosts()).contains(HOST);
            return null;
        });
    }

    @Test
    void a_chat_message_typed_in_one_app_appears_in_the_other() throws Exception {
        front(bob);
        robot.clickOn(node(bob, "#tab-chat"));
        front(ann);
        robot.clickOn(node(ann, "#tab-chat"));
        waiting().until(() -> onFx(() -> ann.app().chat().people().size() >= 2 && bob.app().chat().people().size() >= 2));

        String text = "hello bob, typed at " + System.nanoTime();
        robot.clickOn(node(ann, "#chat-draft")).write(text);
        robot.clickOn(node(ann, "#chat-send"));

        @SuppressWarnings("unchecked")
        ListView<ChatLine> bobsList = (ListView<ChatLine>) node(bob, "#chat-messages");
        waiting().until(() -> onFx(() -> bobsList.getItems().stream()
                .anyMatch(l -> l.kind() == ChatLine.Kind.MESSAGE && l.user().equals("ann") && l.text().equals(text))));
        // Bob's list draws the line in a cell, and Ann's composer is empty again.
        front(bob);
        waiting().until(() -> onFx(() -> robot.from(bobsList).lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .anyMatch(cell -> cell.getItem() instanceof ChatLine l && l.text().equals(text) && cell.getGraphic() != null)));
        assertThat(onFx(() -> ((TextField) node(ann, "#chat-draft")).getText())).isEmpty();
    }

    @Test
    void a_pin_set_by_clicking_one_apps_map_appears_on_the_others_map() throws Exception {
        front(bob);
        robot.clickOn(node(bob, "#tab-map"));
        front(ann);
        robot.clickOn(node(ann, "#tab-map"));
        waiting().until(() -> onFx(() -> ann.app().hasLiveData(View.MAP) && bob.app().hasLiveData(View.MAP)));

        robot.clickOn(node(ann, "#map-mode-pin"));
        robot.clickOn(node(ann, "#map-web"));
        waiting().until(() -> onFx(() -> ann.app().map().pins().stream().anyMatch(p -> p.user().equals("ann"))));
        Pin annsPin = onFx(() -> ann.app().map().pins().stream().filter(p -> p.user().equals("ann")).findFirst().orElseThrow());

        waiting().until(() -> onFx(() -> bob.app().mapView().bridge().shownPinIds()).contains(annsPin.pinId()));
        Pin seenByBob = onFx(() -> bob.app().map().pins().stream().filter(p -> p.pinId().equals(annsPin.pinId())).findFirst().orElseThrow());
        assertThat(seenByBob.location()).isEqualTo(annsPin.location());
        assertThat(onFx(() -> ((WebView) node(bob, "#map-web")).isVisible())).isTrue();
    }

    @Test
    void the_architecture_view_shows_a_room_hibernate_and_wake_when_a_client_sends() throws Exception {
        String chat = "chat/lobby";
        front(ann);
        robot.clickOn(node(ann, "#tab-architecture"));
        @SuppressWarnings("unchecked")
        ListView<LogEntry> log = (ListView<LogEntry>) node(ann, "#architecture-log");
        waiting().until(() -> onFx(() -> ann.app().architecture().rooms().containsKey(chat)));
        assertThat(onFx(() -> ((ComboBox<?>) node(ann, "#architecture-room")).getValue())).isEqualTo(chat);

        // A simulated client of the architecture view: a real connection opened by the app.
        robot.clickOn(node(ann, "#architecture-add-client"));
        waiting().until(() -> onFx(() -> ann.app().architecture().clients().stream()
                .anyMatch(c -> c.room().equals(chat) && c.simulated())));
        // Sockets stay open, yet the quiet room is evicted: hibernating in the model and in the log.
        waiting().during(Duration.ofMillis(300)).until(() -> onFx(() -> state(chat) == RoomState.HIBERNATING));
        assertThat(onFx(() -> List.copyOf(log.getItems()))).anyMatch(e -> e.detail() != null && e.detail().startsWith(chat + ": ") && e.detail().contains("→ hibernating"));
        int spansAtSend = onFx(() -> room(chat).spans().size());
        long wakesAtSend = onFx(() -> count(log, chat + ": resuming → active"));

        robot.clickOn(node(ann, "#architecture-broadcast"));
        waiting().until(() -> onFx(() -> {
            List<RoomNode.StateSpan> spans = room(chat).spans();
            return spans.subList(Math.min(spansAtSend, spans.size()), spans.size()).stream()
                    .anyMatch(s -> s.state() == RoomState.ACTIVE);
        }));
        waiting().until(() -> onFx(() -> count(log, chat + ": hibernating → resuming") > 0 && count(log, chat + ": resuming → active") > wakesAtSend));
        // The broadcast was a real chat message: the app's own chat list shows it.
        waiting().until(() -> onFx(() -> ann.app().chat().lines().stream()
                .anyMatch(l -> l.kind() == ChatLine.Kind.MESSAGE && l.text().startsWith("broadcast from sim-"))));
        assertThat(onFx(() -> ann.app().architecture().clients().stream().filter(ClientNode::simulated).count())).isPositive();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static OpenApp open(String user) throws Exception {
        String url = endpoint().baseUrl().toString();
        return onFx(() -> {
            Stage stage = new Stage();
            DesktopApp app = new DesktopApp(url, null, user, "lobby", HOST);
            app.show(stage, 1200, 760);
            return new OpenApp(app, stage);
        });
    }

    private static HubEndpoint endpoint() {
        return HubEndpoint.parse("127.0.0.1:" + hub.port(), null);
    }

    /** Puts the window on top, so the robot's clicks and keys reach it. */
    private static void front(OpenApp open) {
        robot.interact(() -> {
            open.stage().toFront();
            open.stage().requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Node node(OpenApp open, String query) {
        return robot.from(open.app().root()).lookup(query).query();
    }

    private static List<TimeSeriesChart> charts(OpenApp open) {
        return List.copyOf(robot.from(open.app().root()).lookup(".time-series-chart").queryAllAs(TimeSeriesChart.class));
    }

    private static RoomNode room(String key) {
        return ann.app().architecture().rooms().get(key);
    }

    private static RoomState state(String key) {
        RoomNode room = room(key);
        return room == null ? null : room.state();
    }

    /** How many state changes the log has counted whose particulars (shown on hover) start with {@code text}. */
    private static long count(ListView<LogEntry> log, String text) {
        return log.getItems().stream().filter(e -> e.detail() != null && e.detail().startsWith(text)).mapToLong(LogEntry::count).sum();
    }

    private static ConditionFactory waiting() {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(60, TimeUnit.SECONDS);
    }
}
