package org.roomhub.client.ui.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.client.lab.LabReport;
import org.roomhub.client.lab.ScenarioKind;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.client.ui.architecture.ArchitectureView;
import org.roomhub.client.ui.architecture.ArchitectureViewModel;
import org.roomhub.client.ui.architecture.Reachability;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.FrameCodec;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The crash scenario, clicked in the real architecture view: its own hub in a child JVM is restarted
 * gracefully and with kill -9 under a WebSocket, an SSE and a polling client; nothing acknowledged is lost,
 * no chat frame is missed, and Stop leaves no child process and no data folder behind.
 */
@ExtendWith(ApplicationExtension.class)
class CrashScenarioAgainstChildHubTest {

    @TempDir
    Path dataDir;

    private Hub hub;
    private HubClient client;
    private ArchitectureViewModel architecture;
    private ArchitectureView view;

    @Start
    void start(Stage stage) {
        architecture = new ArchitectureViewModel(Platform::runLater, System::currentTimeMillis);
        view = new ArchitectureView(architecture);
        TestPictures.show(stage, view);
    }

    @BeforeEach
    void startHub() throws Exception {
        hub = Hub.create(cfg -> cfg.storage.dataDir = dataDir).start(0);
        String url = "http://127.0.0.1:" + hub.port();
        client = new HubClient(HubEndpoint.parse(url, null), new FrameCodec());
        WaitForAsyncUtils.asyncFx(() -> architecture.attach(client, new SessionSettings(url, new Identity("lab-tester"), "lobby", "h"))).get();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(architecture::detach).get();
        architecture.lab().awaitIdle(60_000);
        client.close();
        hub.stop();
    }

    @Test
    void restarts_and_a_kill_9_of_the_child_hub_lose_no_acknowledged_write_and_no_client_misses_a_frame() throws Exception {
        Set<Path> foldersBefore = crashFolders();
        await().atMost(Duration.ofSeconds(30)).until(() -> architecture.reachabilityProperty().get() == Reachability.REACHABLE);
        WaitForAsyncUtils.asyncFx(() -> architecture.lab().run(ScenarioKind.CRASH)).get();
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).until(() -> report() != null && report().settled());
        LabReport report = report();
        assertThat(report.headline()).as(report.toString()).doesNotStartWith("Stopped");
        for (String column : List.of("WebSocket", "SSE", "Long polling")) {
            String[] ack = report.cell("sent / acknowledged", column).split(" / ");
            assertThat(Integer.parseInt(ack[1])).as(column + " acknowledged").isPositive();
            assertThat(report.cell("acknowledged found", column)).as(column).isEqualTo(ack[1] + " of " + ack[1]);
            assertThat(report.cell("chat frames missed", column)).as(column).isEqualTo("0");
            assertThat(report.cell("reconnects", column)).as(column).isEqualTo("2");
            assertThat(report.cell("kill -9", column)).as(column).startsWith("down ").contains("back ");
        }
        assertThat(report.cell("graceful (SIGTERM)", "WebSocket")).startsWith("down ");
        assertThat(architecture.log()).anyMatch(l -> l.text().startsWith("The diagram shows the lab's hub"));
        TestPictures.write(view, "lab-crash");

        WaitForAsyncUtils.asyncFx(() -> architecture.lab().stop()).get();
        architecture.lab().awaitIdle(60_000);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(childHubs()).as("child hub processes still running").isEmpty();
            assertThat(crashFolders()).as("the child hub's data folder is gone (others may come and go)").isSubsetOf(foldersBefore);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> architecture.log().stream()
                .anyMatch(l -> l.text().equals("The diagram shows the app's hub again")));
    }

    private LabReport report() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> architecture.lab().reportProperty().get()).get();
    }

    private static List<ProcessHandle> childHubs() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("org.roomhub.hub.HubCommand")).toList();
    }

    private static Set<Path> crashFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("roomhub-lab-crash")).collect(Collectors.toSet());
        }
    }
}
