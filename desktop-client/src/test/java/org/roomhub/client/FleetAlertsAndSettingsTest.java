package org.roomhub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.agent.AgentSettings;
import org.roomhub.agent.HostMetrics;
import org.roomhub.agent.MetricsAgent;
import org.roomhub.client.settings.DesktopSettings;
import org.roomhub.client.settings.SettingsStore;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.client.ui.fleet.Alert;
import org.roomhub.client.ui.fleet.AlertRule;
import org.roomhub.client.ui.metrics.TimeWindow;
import org.roomhub.client.net.TransportKind;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.value.MetricSample;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The fleet tab against a real hub on port 0 with two real agents ({@link MetricsAgent} reading
 * this machine, rooms alpha and beta) and a synthetic one whose CPU the test sets; settings kept
 * in a temporary file across two app runs; the "Connect to hub" dialog against real hubs.
 */
class FleetAlertsAndSettingsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final FxRobot robot = new FxRobot();

    @TempDir
    static Path temp;

    private static Hub hub;
    private static Hub tokenHub;
    private static final AtomicReference<Double> syntheticCpu = new AtomicReference<>(10.0);
    private static List<MetricsAgent> agents;
    private static DesktopApp app;
    private static Stage stage;

    @BeforeAll
    static void startHubAgentsAndApp() throws Exception {
        hub = Hub.create(cfg -> cfg.storage.dataDir = temp.resolve("hub")).start(0);
        tokenHub = Hub.create(cfg -> {
            cfg.storage.dataDir = temp.resolve("token-hub");
            cfg.auth.required = true;
        }).start(0);
        URI url = URI.create(url());
        agents = List.of(
                MetricsAgent.startHost(AgentSettings.of(List.of(url), null, "alpha", Duration.ofSeconds(1)), line -> { }),
                MetricsAgent.startHost(AgentSettings.of(List.of(url), null, "beta", Duration.ofSeconds(1)), line -> { }),
                MetricsAgent.start(AgentSettings.of(List.of(url), null, "synth", Duration.ofMillis(250)),
                        now -> List.of(new MetricSample(HostMetrics.CPU_TOTAL, syntheticCpu.get(), now)), line -> { }));
        FxToolkit.registerPrimaryStage();
        onFx(() -> {
            stage = new Stage();
            app = new DesktopApp(url(), null, "fleet-watcher", "lobby", "fleet-desk");
            app.show(stage, 1280, 800);
            app.select(View.FLEET);
            return null;
        });
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (app != null) {
            onFx(() -> {
                app.close();
                stage.hide();
                return null;
            });
        }
        if (agents != null) {
            agents.forEach(MetricsAgent::close);
        }
        for (Hub h : new Hub[] {hub, tokenHub}) {
            if (h != null) {
                h.stop();
            }
        }
    }

    @Test
    void the_fleet_view_shows_both_agents_as_live_cards_and_a_click_opens_that_hosts_charts() throws Exception {
        waiting().until(() -> onFx(() -> card("alpha") != null && card("beta") != null
                && app.fleet().figures("alpha").cpu().size() >= 2 && app.fleet().figures("beta").cpu().size() >= 2));
        onFx(() -> {
            assertThat(card("alpha").isVisible()).isTrue();
            assertThat(app.fleet().order()).as("this app's metrics tab only views metrics/fleet-desk: no host").doesNotContain("fleet-desk");
            app.fleet().applyPending();
            int cards = app.fleet().order().size();
            assertThat(app.fleet().statusProperty().get()).as("the count is of cards, not of listed rooms")
                    .startsWith("fleet: " + cards + " hosts, ");
            return null;
        });
        onFx(() -> {
            assertThat(card("alpha").getBoundsInParent().getWidth()).isPositive();
            assertThat(robot.from(card("beta")).lookup(".host-card-figure").queryAllAs(Label.class))
                    .first().satisfies(cpu -> assertThat(cpu.getText()).endsWith("%"));
            return null;
        });
        TestPictures.write(app.root(), "fleet-two-agents");
        // A click delivered to the card itself: with windows of earlier tests still on the headless
        // screen, a robot click at screen coordinates can land on another stage.
        robot.interact(() -> {
            Node alpha = card("alpha");
            Bounds b = alpha.getLayoutBounds();
            alpha.fireEvent(new MouseEvent(MouseEvent.MOUSE_CLICKED, b.getCenterX(), b.getCenterY(), 0, 0,
                    MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, true, false, true, null));
        });
        waiting().until(() -> onFx(() -> app.shell().selectedTabProperty().get() == View.METRICS.tabIndex()
                && app.metrics().selectedHosts().equals(List.of("alpha"))));
        onFx(() -> {
            app.select(View.FLEET);
            return null;
        });
    }

    @Test
    void an_alert_fires_when_a_publisher_crosses_a_rule_and_resolves_after() throws Exception {
        AlertRule rule = new AlertRule.Threshold(HostMetrics.CPU_TOTAL, AlertRule.Comparison.ABOVE, 90, 1, "synth");
        // Only this rule: the build machine the real agents read may itself be above 90 % CPU for a minute.
        onFx(() -> app.fleet().rules().setAll(rule));
        waiting().until(() -> onFx(() -> app.fleet().figures("synth") != null && app.fleet().figures("synth").cpu().size() > 0));
        syntheticCpu.set(99.0);
        waiting().until(() -> onFx(() -> firing("synth") != null));
        onFx(() -> {
            assertThat(firing("synth").detail()).isEqualTo("cpu.total 99.0");
            assertThat(badge().getText()).isEqualTo("1");
            assertThat(badge().isVisible()).isTrue();
            assertThat(app.fleet().order().get(0)).as("most troubled first").isEqualTo("synth");
            return null;
        });
        TestPictures.write(app.root(), "fleet-alert-firing");
        syntheticCpu.set(12.0);
        waiting().until(() -> onFx(() -> app.fleet().alerts().stream()
                .anyMatch(a -> a.host().equals("synth") && !a.firing() && a.resolvedAt() >= a.firedAt())));
        onFx(() -> {
            assertThat(firing("synth")).isNull();
            assertThat(badge().isVisible()).isFalse();
            app.fleet().rules().setAll(AlertRule.defaults());
            return null;
        });
    }

    @Test
    void settings_survive_an_app_restart_and_the_file_is_readable_by_the_user_only() throws Exception {
        SettingsStore store = new SettingsStore(temp.resolve("config").resolve("desktop.json"));
        AlertRule rule = new AlertRule.Silence(45, "db-*");
        Stage first = onFx(() -> {
            Stage s = new Stage();
            DesktopApp one = new DesktopApp(url(), null, "someone", "lobby", "settings-desk");
            one.useSettings(store, false, false);
            one.shell().userNameProperty().set("carol");
            one.shell().transportProperty().set(TransportKind.SSE);
            one.show(s, 1000, 700);
            one.select(View.FLEET);
            one.metrics().windowProperty().set(TimeWindow.FIVE_MINUTES);
            one.fleet().rules().add(rule);
            one.fleet().soundProperty().set(true);
            s.setUserData(one);
            return s;
        });
        DesktopApp one = (DesktopApp) first.getUserData();
        waiting().until(() -> onFx(() -> one.connectDialog().recent().stream().anyMatch(h -> h.url().equals(url()))));
        onFx(() -> {
            one.close();
            first.hide();
            return null;
        });
        assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(store.file())).contains(url(), "carol", "db-*");

        DesktopSettings read = store.load();
        assertThat(read.window()).isNotNull();
        DesktopApp two = onFx(() -> {
            DesktopApp app2 = new DesktopApp(url(), null, "someone", "lobby", "settings-desk");
            app2.useSettings(store, false, false);
            return app2;
        });
        onFx(() -> {
            assertThat(two.shell().userNameProperty().get()).isEqualTo("carol");
            assertThat(two.shell().transportProperty().get()).isEqualTo(TransportKind.SSE);
            assertThat(two.shell().selectedTabProperty().get()).isEqualTo(View.FLEET.tabIndex());
            assertThat(two.metrics().windowProperty().get()).isEqualTo(TimeWindow.FIVE_MINUTES);
            assertThat(two.fleet().rules()).contains(rule).containsAll(AlertRule.defaults());
            assertThat(two.fleet().soundProperty().get()).isTrue();
            assertThat(two.connectDialog().recent()).first().satisfies(h -> assertThat(h.url()).isEqualTo(url()));
            assertThat(two.currentSettings().window()).isEqualTo(read.window());
            two.close();
            return null;
        });
    }

    @Test
    void alert_history_survives_an_app_restart_and_a_restored_firing_alert_resolves_without_a_second_one() throws Exception {
        SettingsStore store = new SettingsStore(temp.resolve("history").resolve("desktop.json"));
        AtomicReference<Double> stormCpu = new AtomicReference<>(99.0);
        AlertRule rule = new AlertRule.Threshold(HostMetrics.CPU_TOTAL, AlertRule.Comparison.ABOVE, 90, 1, "storm");
        try (MetricsAgent storm = MetricsAgent.start(AgentSettings.of(List.of(URI.create(url())), null, "storm", Duration.ofMillis(250)),
                now -> List.of(new MetricSample(HostMetrics.CPU_TOTAL, stormCpu.get(), now)), line -> { })) {
            DesktopApp one = startApp(store, "history-one", a -> a.fleet().rules().setAll(rule));
            waiting().until(() -> onFx(() -> one.fleet().alerts().stream().anyMatch(a -> a.host().equals("storm") && a.firing())));
            Alert fired = onFx(() -> one.fleet().alerts().stream().filter(a -> a.host().equals("storm")).findFirst().orElseThrow());
            closeApp(one);
            assertThat(store.load().alertHistory()).containsExactly(fired);

            DesktopApp two = startApp(store, "history-two", a -> {
                assertThat(a.fleet().alerts()).as("restored before the app even connects").containsExactly(fired);
                assertThat(a.fleet().firingProperty().get()).isEqualTo(1);
            });
            waiting().until(() -> onFx(() -> two.fleet().figures("storm") != null && two.fleet().figures("storm").cpu().size() >= 3));
            stormCpu.set(10.0);
            waiting().until(() -> onFx(() -> two.fleet().alerts().stream().anyMatch(a -> a.firedAt() == fired.firedAt() && !a.firing())));
            onFx(() -> {
                assertThat(two.fleet().alerts()).as("the restored alert went on and resolved; no second one fired")
                        .singleElement().satisfies(a -> assertThat(a.resolvedAt()).isGreaterThan(fired.firedAt()));
                assertThat(two.fleet().firingProperty().get()).isZero();
                return null;
            });
            closeApp(two);
            assertThat(store.load().alertHistory()).singleElement()
                    .satisfies(a -> assertThat(a.firedAt()).isEqualTo(fired.firedAt()))
                    .satisfies(a -> assertThat(a.firing()).isFalse());
        }
    }

    /** An app on the test hub with settings from {@code store}, shown in its own window after {@code before}. */
    private static DesktopApp startApp(SettingsStore store, String desk, java.util.function.Consumer<DesktopApp> before) throws Exception {
        return onFx(() -> {
            Stage s = new Stage();
            DesktopApp a = new DesktopApp(url(), null, desk, "lobby", desk);
            a.useSettings(store, false, false);
            before.accept(a);
            a.show(s, 1000, 700);
            openStages.put(a, s);
            return a;
        });
    }

    private static void closeApp(DesktopApp a) throws Exception {
        onFx(() -> {
            a.close();
            openStages.remove(a).hide();
            return null;
        });
    }

    private static final java.util.Map<DesktopApp, Stage> openStages = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void the_connect_dialog_says_unreachable_401_and_403_in_words_and_connects_when_the_hub_answers() throws Exception {
        Stage dialog = onFx(() -> app.root().showConnectDialog());
        try {
            assertThat(problemAfterConnect("not a url at all", "")).startsWith("Hub address:");
            assertThat(problemAfterConnect("http://127.0.0.1:9", "")).contains("hub unreachable").contains("127.0.0.1:9");
            String tokenHubUrl = "http://127.0.0.1:" + tokenHub.port();
            assertThat(problemAfterConnect(tokenHubUrl, "")).contains("needs a token (HTTP 401)");
            assertThat(problemAfterConnect(tokenHubUrl, "not-a-token")).contains("refused the token (HTTP 403)");
            TestPictures.write((javafx.scene.Parent) dialog.getScene().getRoot(), "connect-dialog-403");
            assertThat(onFx(() -> app.shell().hubAddressProperty().get())).as("a failed try changes nothing").isEqualTo(url());

            // Several URLs of one hub: the first answers nothing, the dialog asks the next and connects there.
            String twoUrls = "http://127.0.0.1:9," + url();
            onFx(() -> {
                app.connectDialog().addressProperty().set(twoUrls);
                app.connectDialog().tokenProperty().set("");
                app.connectDialog().connect();
                return null;
            });
            waiting().until(() -> onFx(() -> app.connectDialog().doneProperty().get() && !dialog.isShowing()));
            assertThat(onFx(() -> app.shell().connectedProperty().get())).isTrue();
            assertThat(onFx(() -> app.shell().hubAddressProperty().get())).isEqualTo(twoUrls);
            waiting().until(() -> onFx(() -> app.chat().statusProperty().get().endsWith(": connected")));
            onFx(() -> {
                app.shell().hubAddressProperty().set(url()); // the other tests' hub, alone again
                app.shell().connect();
                return null;
            });
        } finally {
            onFx(() -> {
                dialog.hide();
                return null;
            });
        }
    }

    private static String problemAfterConnect(String address, String token) throws Exception {
        onFx(() -> {
            app.connectDialog().addressProperty().set(address);
            app.connectDialog().tokenProperty().set(token);
            app.connectDialog().connect();
            return null;
        });
        waiting().until(() -> onFx(() -> !app.connectDialog().busyProperty().get() && !app.connectDialog().problemProperty().get().isEmpty()));
        return onFx(() -> app.connectDialog().problemProperty().get());
    }

    private static Alert firing(String host) {
        return app.fleet().alerts().stream().filter(a -> a.host().equals(host) && a.firing()).findFirst().orElse(null);
    }

    /** The fleet tab's badge: the label beside the tab title "Fleet". */
    private static Label badge() {
        return robot.from(app.root()).lookup(".badge").queryAllAs(Label.class).stream()
                .filter(l -> l.getParent() instanceof HBox box && box.getChildren().get(0) instanceof Label t && t.getText().equals("Fleet"))
                .findFirst().orElseThrow();
    }

    private static Node card(String host) {
        return app.root().lookup("#card-" + host);
    }

    private static String url() {
        return "http://127.0.0.1:" + hub.port();
    }

    private static ConditionFactory waiting() {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(120, TimeUnit.SECONDS); // a web view's first start is slow on a loaded machine
    }
}
