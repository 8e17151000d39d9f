package org.roomhub.client.ui.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.client.lab.LabReport;
import org.roomhub.client.lab.ScenarioKind;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.client.ui.architecture.ArchitectureOnRealHub;

/**
 * The crash scenario, clicked in the real architecture view: its own hub in a child JVM is restarted
 * gracefully and with kill -9 under a WebSocket, an SSE and a polling client; nothing acknowledged is lost,
 * no chat frame is missed, and Stop leaves no child process and no data folder behind.
 */
class CrashScenarioAgainstChildHubTest {

    @RegisterExtension
    final ArchitectureOnRealHub arch = new ArchitectureOnRealHub();

    @Test
    void restarts_and_a_kill_9_of_the_child_hub_lose_no_acknowledged_write_and_no_client_misses_a_frame() throws Exception {
        Set<Path> foldersBefore = ArchitectureOnRealHub.tempFolders("roomhub-lab-crash");
        LabReport report = arch.runUntilSettled(ScenarioKind.CRASH, Duration.ofSeconds(300));
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
        assertThat(arch.viewModel().log()).anyMatch(l -> l.text().startsWith("The diagram shows the lab's hub"));
        TestPictures.write(arch.view(), "lab-crash");

        arch.stopScenario();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ArchitectureOnRealHub.childHubs()).as("child hub processes still running").isEmpty();
            assertThat(ArchitectureOnRealHub.tempFolders("roomhub-lab-crash"))
                    .as("the child hub's data folder is gone (others may come and go)").isSubsetOf(foldersBefore);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> arch.viewModel().log().stream()
                .anyMatch(l -> l.text().equals("The diagram shows the app's hub again")));
    }
}
