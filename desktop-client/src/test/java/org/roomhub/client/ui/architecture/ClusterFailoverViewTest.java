package org.roomhub.client.ui.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.client.lab.LabReport;
import org.roomhub.client.lab.ScenarioKind;
import org.roomhub.client.ui.TestPictures;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The failover scenario starts a real three-member cluster (three child JVMs on loopback): the
 * architecture view lists the three members up, then the one killed with -9 as down with its node-down
 * in the event log; every room reports its current host, the move off the killed member, and whether and
 * when it was writable again; Stop leaves no member process and no data folder.
 */
class ClusterFailoverViewTest {

    @RegisterExtension
    final ArchitectureOnRealHub arch = new ArchitectureOnRealHub();

    @Test
    void the_view_lists_three_members_then_the_killed_one_down_and_each_room_says_where_it_runs_now_and_when_it_was_writable_again()
            throws Exception {
        Set<Path> before = ArchitectureOnRealHub.tempFolders("roomhub-lab-cluster");
        WaitForAsyncUtils.asyncFx(() -> arch.viewModel().lab().run(ScenarioKind.FAILOVER)).get();

        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ClusterModel.Member> members = ArchitectureOnRealHub.fx(() -> arch.viewModel().cluster().members());
            assertThat(members).extracting(ClusterModel.Member::id).containsExactly("a", "b", "c");
            assertThat(members).extracting(ClusterModel.Member::state).containsOnly("up");
            assertThat(ArchitectureOnRealHub.fx(() -> arch.viewModel().cluster().self())).isEqualTo("a");
        });
        TestPictures.write(arch.view(), "cluster-members");

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> arch.report() != null && arch.report().settled());
        LabReport report = arch.report();
        assertThat(report.headline()).as(report.toString()).doesNotStartWith("Stopped").contains("kill -9");
        String killed = report.headline().replaceAll("^Member (\\w+) .*$", "$1");
        List<String> cells = new ArrayList<>();
        for (int r = 1; r <= 4; r++) {
            String cell = report.cell("chat/lab-failover-" + r, "measured");
            cells.add(cell);
            assertThat(cell).as("room " + r).containsAnyOf("writable again after", "not writable after 30 s")
                    .doesNotContain("not reported").doesNotContain("host " + killed + " (down)");
        }
        assertThat(cells).as("the killed member hosted the most rooms: they moved").anyMatch(c -> c.contains("moved " + killed + " → "));
        assertThat(report.cell("member " + killed + " kill -9", "measured")).startsWith("4 clients moved");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(ArchitectureOnRealHub.fx(() -> arch.viewModel().cluster().members())).filteredOn(m -> m.id().equals(killed))
                    .extracting(ClusterModel.Member::state).containsExactly("down");
            assertThat(ArchitectureOnRealHub.fx(() -> List.copyOf(arch.viewModel().log())))
                    .anyMatch(l -> l.text().startsWith("Member " + killed + " left the cluster") || l.text().startsWith("Member " + killed + " is down"));
        });
        TestPictures.write(arch.view(), "cluster-failover");

        arch.stopScenario();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(ArchitectureOnRealHub.childHubs()).isEmpty();
            assertThat(ArchitectureOnRealHub.tempFolders("roomhub-lab-cluster")).as("no folder this test made is left (others may come and go)")
                    .isSubsetOf(before);
        });
    }
}
