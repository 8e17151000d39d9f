package org.roomhub.client.ui.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.client.ui.common.Identity;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Thirty rooms of a real hub, drawn at 1280×800 with the Lab panel and sidebar beside: no two room boxes overlap. */
@ExtendWith(ApplicationExtension.class)
class ManyRoomsLayoutTest {

    @TempDir
    Path dataDir;

    private Hub hub;
    private HubClient client;
    private final List<RoomConnection> joined = new ArrayList<>();
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
        joined.forEach(RoomConnection::close);
        client.close();
        hub.stop();
    }

    @Test
    void thirty_rooms_at_1280_by_800_get_boxes_that_do_not_overlap_and_stay_on_the_canvas() throws Exception {
        hub = Hub.create(cfg -> cfg.storage.dataDir = dataDir).start(0);
        String url = "http://127.0.0.1:" + hub.port();
        client = new HubClient(HubEndpoint.parse(url, null), new FrameCodec());
        WaitForAsyncUtils.asyncFx(() -> architecture.attach(client, new SessionSettings(url, new Identity("layout"), "lobby", "h"))).get();
        for (int i = 1; i <= 30; i++) {
            joined.add(client.join(RoomAddress.parse(String.format("metrics/sensor-room-%02d", i)), "sensor", frame -> { }));
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
