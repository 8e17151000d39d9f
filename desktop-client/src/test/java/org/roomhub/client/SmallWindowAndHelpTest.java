package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Cell;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.text.Text;
import javafx.scene.web.WebView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.client.agent.MetricsPublisher;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.metrics.TimeSeriesChart;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.FrameCodec;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real app in an 800×600 window against a real hub on port 0, with this machine's metrics
 * published: every tab lays out without overlapping nodes (bounds, not pixels) and without
 * labels cut to "…"; every control explains itself in a tooltip; F1, Ctrl+1…4 and Ctrl+Q work.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmallWindowAndHelpTest {

    private static final String HOST = "small-host";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final FxRobot robot = new FxRobot();

    @TempDir
    static Path dataDir;

    private static Hub hub;
    private static HubClient agentClient;
    private static MetricsPublisher publisher;
    private static DesktopApp app;
    private static Stage stage;

    @BeforeAll
    static void startHubAndApp() throws Exception {
        hub = Hub.create(cfg -> cfg.storage.dataDir = dataDir).start(0);
        HubEndpoint endpoint = HubEndpoint.parse("127.0.0.1:" + hub.port(), null);
        agentClient = new HubClient(endpoint, new FrameCodec());
        publisher = MetricsPublisher.start(agentClient, HOST);
        FxToolkit.registerPrimaryStage();
        String url = endpoint.baseUrl().toString();
        onFx(() -> {
            stage = new Stage();
            app = new DesktopApp(url, null, "ann", "lobby", HOST);
            app.setAbout("/tmp/roomhub-test-data", HOST);
            app.show(stage, 800, 600);
            return null;
        });
    }

    @AfterAll
    static void stopAll() throws Exception {
        onFx(() -> {
            app.close();
            stage.hide();
            return null;
        });
        publisher.close();
        agentClient.close();
        hub.stop();
    }

    @Test
    @Order(1)
    void the_window_cannot_be_made_smaller_than_800_by_600() throws Exception {
        assertThat(onFx(stage::getMinWidth)).isEqualTo(DesktopApp.MIN_WIDTH).isEqualTo(800);
        assertThat(onFx(stage::getMinHeight)).isEqualTo(DesktopApp.MIN_HEIGHT).isEqualTo(600);
    }

    @Test
    @Order(2)
    void every_view_lays_out_at_800_by_600_without_overlapping_or_cut_nodes() throws Exception {
        await().atMost(PATIENCE).until(() -> onFx(() -> app.hasLiveData(View.METRICS) && app.hasLiveData(View.CHAT)
                && app.hasLiveData(View.MAP) && app.hasLiveData(View.ARCHITECTURE)));
        for (View view : View.values()) {
            onFx(() -> {
                app.select(view);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(20)).until(() -> true); // layout settles
            WaitForAsyncUtils.waitForFxEvents();
            List<String> problems = onFx(() -> layoutProblems(app.root()));
            assertThat(problems).as(view + " at 800×600").isEmpty();
            assertThat(onFx(() -> leaves(app.root()).size())).as(view + ": nodes checked").isGreaterThan(12);
        }
        assertThat(onFx(() -> robot.from(app.root()).lookup(".time-series-chart").queryAllAs(TimeSeriesChart.class).size()))
                .as("the metrics tab had charts to lay out").isPositive();
    }

    @Test
    @Order(3)
    void every_control_of_every_tab_has_a_tooltip() throws Exception {
        List<String> missing = new ArrayList<>();
        int controls = 0;
        for (View view : View.values()) {
            onFx(() -> {
                app.select(view);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            for (Node node : onFx(() -> leaves(app.root()))) {
                boolean input = node instanceof ButtonBase || node instanceof TextInputControl || node instanceof ComboBoxBase
                        || node instanceof Spinner || node instanceof ListView;
                if (input) {
                    controls++;
                    if (org.roomhub.client.ui.common.FieldTooltip.of((Control) node) == null) { // a focused field holds its tooltip back
                        missing.add(view + ": " + describe(node));
                    }
                }
            }
        }
        assertThat(controls).as("controls looked at").isGreaterThan(25);
        assertThat(missing).isEmpty();
    }

    @Test
    @Order(4)
    void ctrl_and_a_digit_switch_tabs_and_f1_opens_a_guide_and_about_with_version_hub_and_data_folder() throws Exception {
        front();
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT2).release(KeyCode.DIGIT2, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> onFx(() -> app.shell().selectedTabProperty().get()) == View.CHAT.tabIndex());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT4).release(KeyCode.DIGIT4, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> onFx(() -> app.shell().selectedTabProperty().get()) == View.ARCHITECTURE.tabIndex());

        front();
        robot.press(KeyCode.F1).release(KeyCode.F1);
        Stage help = await().atMost(PATIENCE).until(() -> onFx(SmallWindowAndHelpTest::helpWindow), w -> w != null);
        String guide = onFx(() -> ((Parent) help.getScene().getRoot()).lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + "\n" + b));
        assertThat(guide).contains("Metrics (Ctrl+1)", "Chat (Ctrl+2)", "Map (Ctrl+3)", "Architecture (Ctrl+4)");
        String about = onFx(() -> ((Label) help.getScene().getRoot().lookup("#help-about")).getText());
        assertThat(about).contains("Roomhub desktop ", "Hub: http://127.0.0.1:" + hub.port(), "Data folder: /tmp/roomhub-test-data",
                "metrics/" + HOST);
        onFx(() -> {
            help.hide();
            return null;
        });
    }

    @Test
    @Order(5)
    void ctrl_q_quits() throws Exception {
        front();
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        await().atMost(PATIENCE).until(() -> !onFx(stage::isShowing));
        assertThat(onFx(() -> stage.getScene().getAccelerators()
                .containsKey(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN)))).isTrue();
    }

    // ---- the layout check -------------------------------------------------------------------

    /** Visible leaf nodes (controls, canvases, charts, web views) that overlap, leave the window, or show "…". */
    private static List<String> layoutProblems(Parent root) {
        Bounds window = new BoundingBox(0, 0, root.getScene().getWidth(), root.getScene().getHeight());
        List<Node> nodes = leaves(root);
        List<Bounds> shown = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Node node : nodes) {
            Bounds b = visibleBounds(node);
            shown.add(b);
            if (b == null) {
                continue;
            }
            if (b.getMinX() < window.getMinX() - 0.5 || b.getMinY() < window.getMinY() - 0.5
                    || b.getMaxX() > window.getMaxX() + 0.5 || b.getMaxY() > window.getMaxY() + 0.5) {
                problems.add(describe(node) + " leaves the window: " + b);
            }
            if (node instanceof Labeled labeled && !labeled.isWrapText() && labeled.getText() != null && !labeled.getText().isEmpty()) {
                // A titled pane's own text is in its title bar; lookup(".text") alone would find its content's first label.
                Node scope = labeled instanceof javafx.scene.control.TitledPane pane ? pane.lookup(".title") : labeled;
                Node text = scope == null ? null : scope.lookup(".text");
                if (text instanceof Text t && !t.getText().equals(labeled.getText())) {
                    problems.add(describe(node) + " is cut to '" + t.getText() + "'");
                }
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                Bounds a = shown.get(i);
                Bounds b = shown.get(j);
                if (a != null && b != null && overlap(a, b)) {
                    problems.add(describe(nodes.get(i)) + " overlaps " + describe(nodes.get(j)) + ": " + a + " / " + b);
                }
            }
        }
        return problems;
    }

    private static boolean overlap(Bounds a, Bounds b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > 0.5 && h > 0.5;
    }

    /** Scene bounds clipped to every enclosing scroll pane's viewport; null when nothing of it shows. */
    private static Bounds visibleBounds(Node node) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane) {
                Bounds clip = p.localToScene(p.getLayoutBounds());
                double minX = Math.max(b.getMinX(), clip.getMinX());
                double minY = Math.max(b.getMinY(), clip.getMinY());
                double maxX = Math.min(b.getMaxX(), clip.getMaxX());
                double maxY = Math.min(b.getMaxY(), clip.getMaxY());
                if (maxX - minX <= 0.5 || maxY - minY <= 0.5) {
                    return null;
                }
                b = new BoundingBox(minX, minY, maxX - minX, maxY - minY);
            }
        }
        return b.getWidth() <= 0.5 || b.getHeight() <= 0.5 ? null : b;
    }

    /** The nodes a person sees as one thing: controls (not their insides), canvases, charts and web views. */
    private static List<Node> leaves(Parent root) {
        List<Node> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node node, List<Node> out) {
        if (!node.isVisible() || node instanceof ScrollBar) {
            return;
        }
        boolean container = node instanceof TabPane || node instanceof ScrollPane || !(node instanceof Control);
        boolean leaf = node instanceof Canvas || node instanceof WebView || node instanceof TimeSeriesChart || !container;
        if (leaf) {
            if (!(node instanceof Canvas && node.getParent() instanceof TimeSeriesChart) && !(node instanceof Cell)) {
                out.add(node);
            }
            return;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    private static String describe(Node node) {
        String text = node instanceof Labeled l ? " '" + l.getText() + "'" : "";
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId()) + text;
    }

    private static Stage helpWindow() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && "Roomhub help".equals(s.getTitle()) && s.isShowing())
                .map(w -> (Stage) w).findFirst().orElse(null);
    }

    private static void front() {
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(60, TimeUnit.SECONDS); // a WebView starts slowly on a busy machine
    }
}
