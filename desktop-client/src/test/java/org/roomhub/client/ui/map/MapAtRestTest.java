package org.roomhub.client.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Route;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12: WebKit's default timers kept JavaFX pulsing 60 times a second for as long as a WebView existed, so the
 * app never rested on any tab. A map on a tab that is not selected must let JavaFX rest; shown, it works as before.
 */
@ExtendWith(ApplicationExtension.class)
class MapAtRestTest {

    private MapViewModel viewModel;
    private MapView view;
    private TabPane tabs;
    private final AtomicLong pulses = new AtomicLong();
    private final AtomicLong lastPulseNanos = new AtomicLong(System.nanoTime());

    @Start
    void start(Stage stage) {
        viewModel = new MapViewModel(Runnable::run);
        view = new MapView(viewModel, new FrameCodec().mapper());
        tabs = new TabPane(new Tab("Other", new Label("another tab")), new Tab("Map", view));
        TestPictures.show(stage, tabs);
        stage.getScene().addPostLayoutPulseListener(() -> {
            pulses.incrementAndGet();
            lastPulseNanos.set(System.nanoTime());
        });
    }

    @Test
    void a_loaded_map_on_a_hidden_tab_lets_javafx_stop_pulsing_and_draws_pins_once_its_tab_is_shown() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> WaitForAsyncUtils.asyncFx(view::isLoaded).get());
        WaitForAsyncUtils.asyncFx(() -> viewModel.handle(new ServerFrame.MapState(List.of(
                new Pin("p-ann", "ann", GeoPoint.of(52.52, 13.40), "ann", null, null)), Route.empty(), 1))).get();

        await("a second without a pulse while the map's tab is hidden").atMost(Duration.ofSeconds(20))
                .until(() -> System.nanoTime() - lastPulseNanos.get() > 1_000_000_000L);

        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(1)).get();
        long shownAt = pulses.get();
        await("pulses while the map is in sight (WebView paints page changes only on a pulse)").atMost(Duration.ofSeconds(10))
                .until(() -> pulses.get() > shownAt + 10);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> WaitForAsyncUtils.asyncFx(() -> view.bridge().shownPinIds()).get().equals(List.of("p-ann")));
        assertThat(TestPictures.write(tabs, "map-after-hidden-tab")).exists();

        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(0)).get();
        await("rest again once the map's tab is left").atMost(Duration.ofSeconds(20))
                .until(() -> System.nanoTime() - lastPulseNanos.get() > 1_000_000_000L);
    }
}
