package org.roomhub.client.ui.architecture;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.client.lab.LabReport;
import org.roomhub.client.lab.ScenarioKind;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.FrameCodec;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The failover scenario starts a real three-member cluster (three child JVMs on loopback): the
 * architecture view lists the three members up, then the one killed with -9 as down with its node-down
 * in the event log; every room reports whether and when it was writable again; Stop leaves no member
 * process and no data folder. One cluster for the class: Infinispan starts slowly here.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterFailoverViewTest {

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

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(architecture::detach).get();
        architecture.lab().awaitIdle(120_000);
        client.close();
        hub.stop();
    }

    @Test
    void the_view_lists_three_members_then_the_killed_one_down_and_each_room_says_when_it_was_writable_again() throws Exception {
        Set<Path> before = clusterFolders();
        hub = Hub.create(cfg -> cfg.storage.dataDir = dataDir).start(0);
        String url = "http://127.0.0.1:" + hub.port();
        client = new HubClient(HubEndpoint.parse(url, null), new FrameCodec());
        WaitForAsyncUtils.asyncFx(() -> architecture.attach(client, new SessionSettings(url, new Identity("cluster-tester"), "lobby", "h"))).get();
        WaitForAsyncUtils.asyncFx(() -> architecture.lab().run(ScenarioKind.FAILOVER)).get();

        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ClusterModel.Member> members = fx(() -> architecture.cluster().members());
            assertThat(members).extracting(ClusterModel.Member::id).containsExactly("a", "b", "c");
            assertThat(members).extracting(ClusterModel.Member::state).containsOnly("up");
            assertThat(fx(() -> architecture.cluster().self())).isEqualTo("a");
        });
        TestPictures.write(view, "cluster-members");

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> report() != null && report().settled());
        LabReport report = report();
        assertThat(report.headline()).as(report.toString()).doesNotStartWith("Stopped").contains("kill -9");
        String killed = report.headline().replaceAll("^Member (\\w+) .*$", "$1");
        for (int r = 1; r <= 4; r++) {
            assertThat(report.cell("chat/lab-failover-" + r, "measured")).as("room " + r)
                    .containsAnyOf("writable again after", "not writable after 30 s");
        }
        assertThat(report.cell("member " + killed + " kill -9", "measured")).startsWith("4 clients moved");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(fx(() -> architecture.cluster().members())).filteredOn(m -> m.id().equals(killed))
                    .extracting(ClusterModel.Member::state).containsExactly("down");
            assertThat(fx(() -> List.copyOf(architecture.log()))).anyMatch(l -> l.text().startsWith("Member " + killed + " left the cluster")
                    || l.text().startsWith("Member " + killed + " is down"));
        });
        TestPictures.write(view, "cluster-failover");

        WaitForAsyncUtils.asyncFx(() -> architecture.lab().stop()).get();
        architecture.lab().awaitIdle(120_000);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains("org.roomhub.hub.HubCommand")).toList()).isEmpty();
            assertThat(clusterFolders()).as("no folder this test made is left (others may come and go)").isSubsetOf(before);
        });
    }

    private LabReport report() throws Exception {
        return fx(() -> architecture.lab().reportProperty().get());
    }

    private static <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    private static Set<Path> clusterFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("roomhub-lab-cluster")).collect(Collectors.toSet());
        }
    }
}
