package org.roomhub.client.ui.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.protocol.value.RoomAddress;
import org.testfx.util.WaitForAsyncUtils;

/** Thirty rooms of a real hub, drawn at 1280×800 with the Lab panel and sidebar beside: no two room boxes overlap. */
class ManyRoomsLayoutTest {

    @RegisterExtension
    final ArchitectureOnRealHub arch = new ArchitectureOnRealHub();

    private final List<RoomConnection> joined = new ArrayList<>();

    @AfterEach
    void closeRooms() {
        joined.forEach(RoomConnection::close);
    }

    @Test
    void thirty_rooms_at_1280_by_800_get_boxes_that_do_not_overlap_and_stay_on_the_canvas() throws Exception {
        ArchitectureViewModel architecture = arch.viewModel();
        ArchitectureView view = arch.view();
        for (int i = 1; i <= 30; i++) {
            joined.add(arch.client().join(RoomAddress.parse(String.format("metrics/sensor-room-%02d", i)), "sensor", frame -> { }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> WaitForAsyncUtils.asyncFx(() -> architecture.rooms().size()).get() >= 30);
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<DiagramLayout.Box> boxes = WaitForAsyncUtils.asyncFx(() -> List.copyOf(view.diagramLayout().boxes().values())).get();
            double[] canvas = WaitForAsyncUtils.asyncFx(() -> {
                javafx.scene.canvas.Canvas c = (javafx.scene.canvas.Canvas) view.lookup("#architecture-canvas");
                return new double[] {c.getWidth(), c.getHeight()};
            }).get();
            assertThat(boxes).hasSizeGreaterThanOrEqualTo(30);
            for (int i = 0; i < boxes.size(); i++) {
                DiagramLayout.Box b = boxes.get(i);
                assertThat(b.x()).isGreaterThanOrEqualTo(DiagramLayout.HUB_W);
                assertThat(b.x() + b.w()).isLessThanOrEqualTo(canvas[0]);
                assertThat(b.y()).isGreaterThanOrEqualTo(DiagramLayout.TOP - 1);
                assertThat(b.y() + b.h()).isLessThanOrEqualTo(canvas[1]);
                assertThat(b.w()).as("wide enough for a room name").isGreaterThanOrEqualTo(120);
                for (int j = i + 1; j < boxes.size(); j++) {
                    assertThat(b.overlaps(boxes.get(j))).as("box " + i + " " + b + " overlaps box " + j + " " + boxes.get(j)).isFalse();
                }
            }
        });
        TestPictures.write(view, "architecture-30-rooms");
    }
}
