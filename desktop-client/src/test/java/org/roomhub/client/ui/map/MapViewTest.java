package org.roomhub.client.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Route;
import org.roomhub.protocol.value.Waypoint;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MapViewTest {

    private MapViewModel viewModel;
    private MapView view;

    @Start
    void start(Stage stage) {
        viewModel = new MapViewModel(Runnable::run);
        view = new MapView(viewModel, new FrameCodec().mapper());
        TestPictures.show(stage, view);
    }

    @Test
    void an_empty_lists_placeholder_is_written_as_small_as_the_sidebars_hints() throws Exception {
        double[] sizes = WaitForAsyncUtils.asyncFx(() -> {
            view.applyCss();
            view.layout();
            javafx.scene.control.Labeled empty = view.lookupAll(".label").stream()
                    .filter(n -> n instanceof javafx.scene.control.Labeled l && l.getText().startsWith("No pins yet"))
                    .map(javafx.scene.control.Labeled.class::cast).findFirst().orElseThrow();
            javafx.scene.control.Labeled hint = view.lookupAll(".label").stream()
                    .filter(n -> n instanceof javafx.scene.control.Labeled l && l.getText().startsWith("Click the map to place a pin"))
                    .map(javafx.scene.control.Labeled.class::cast).findFirst().orElseThrow();
            return new double[] {empty.getFont().getSize(), hint.getFont().getSize()};
        }).get();
        assertThat(sizes[0]).as("placeholder font size").isEqualTo(sizes[1]);
        TestPictures.write(view, "map-empty");
    }

    @Test
    void pins_and_route_from_the_room_are_drawn_on_the_page_through_the_bridge() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> WaitForAsyncUtils.asyncFx(view::isLoaded).get());
        GeoPoint berlin = GeoPoint.of(52.52, 13.40);
        GeoPoint lisbon = GeoPoint.of(38.72, -9.14);
        GeoPoint oslo = GeoPoint.of(59.91, 10.75);
        WaitForAsyncUtils.asyncFx(() -> {
            viewModel.handle(new ServerFrame.MapState(List.of(
                    new Pin("p-ann", "ann", berlin, "ann", null, "arrives Friday"),
                    new Pin("p-bob", "bob", lisbon, "bob", null, null)), Route.empty(), 1));
            viewModel.handle(new ServerFrame.PinUpdate("p-carol", "carol", oslo, "carol", null, null, 2, 3));
            viewModel.handle(new ServerFrame.RouteUpdate(List.of(new Waypoint(GeoPoint.of(48.86, 2.35), "Paris"),
                    new Waypoint(GeoPoint.of(47.37, 8.54), "Zurich")), GeoPoint.of(51.5, 5.3),
                    Map.of("ann", 585.0, "bob", 1_750.0, "carol", 1_050.0), 3, 4));
        }).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(() -> view.bridge().shownPinIds()).get().size() == 3);
        assertThat(WaitForAsyncUtils.asyncFx(() -> view.bridge().shownPinIds()).get()).containsExactly("p-ann", "p-bob", "p-carol");
        // bob comes and goes: his pin is drawn offline on the page, then online again.
        WaitForAsyncUtils.asyncFx(() -> {
            viewModel.handle(new ServerFrame.UserJoined("s-bob", "bob", 4, 5));
            viewModel.handle(new ServerFrame.UserLeft("s-bob", "bob", 5, 6));
        }).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(() -> view.bridge().offlinePinIds()).get()
                .equals(List.of("p-bob")));
        TestPictures.write(view, "map-offline-pin");
        WaitForAsyncUtils.asyncFx(() -> viewModel.handle(new ServerFrame.UserJoined("s-bob2", "bob", 6, 7))).get();
        await().atMost(Duration.ofSeconds(10)).until(() -> WaitForAsyncUtils.asyncFx(() -> view.bridge().offlinePinIds()).get().isEmpty());
        WaitForAsyncUtils.asyncFx(() -> viewModel.handle(new ServerFrame.UserLeft("s-bob2", "bob", 7, 8))).get();
        WaitForAsyncUtils.asyncFx(() -> view.bridge().fitPins()).get();
        await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(20)).until(() -> true);
        TestPictures.write(view, "map");
    }
}
