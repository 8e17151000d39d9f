package org.roomhub.client.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Route;
import org.roomhub.protocol.value.Waypoint;

class MapViewModelTest {

    private final MapViewModel viewModel = new MapViewModel(Runnable::run);

    @Test
    void the_welcome_state_then_updates_keep_one_entry_per_pin() {
        viewModel.handle(new ServerFrame.MapState(List.of(new Pin("p1", "ann", GeoPoint.of(48.1, 11.6), null, null)), Route.empty(), 1));
        viewModel.handle(new ServerFrame.PinUpdate("p1", "ann", GeoPoint.of(52.5, 13.4), "Ann", "#ff0000", 2, 1));
        viewModel.handle(new ServerFrame.PinUpdate("p2", "bob", GeoPoint.of(40.4, -3.7), null, null, 3, 2));
        assertThat(viewModel.pins()).extracting(Pin::pinId).containsExactly("p1", "p2");
        assertThat(viewModel.pins().get(0).location().lat()).isEqualTo(52.5);
        viewModel.handle(new ServerFrame.PinRemoved("p1", 4, 3));
        assertThat(viewModel.pins()).extracting(Pin::pinId).containsExactly("p2");
        assertThat(viewModel.hasLiveData()).isTrue();
    }

    @Test
    void a_pin_without_a_valid_colour_gets_one_from_its_user_and_its_user_as_label() {
        Pin pin = new Pin("p", "bob", GeoPoint.of(0, 0), null, "javascript:alert(1)");
        assertThat(viewModel.colorOf(pin)).matches("#[0-9a-f]{6}");
        assertThat(viewModel.labelOf(pin)).isEqualTo("bob");
    }

    @Test
    void route_updates_replace_the_route() {
        viewModel.handle(new ServerFrame.RouteUpdate(List.of(new Waypoint(GeoPoint.of(1, 2), "a")), GeoPoint.of(3, 4),
                Map.of("ann", 12.0), 1, 1));
        assertThat(viewModel.routeProperty().get().waypoints()).hasSize(1);
        assertThat(viewModel.routeProperty().get().distancesKm()).containsEntry("ann", 12.0);
    }

    @Test
    void a_tile_url_that_is_not_an_http_template_is_refused_in_words() {
        MapViewModel map = new MapViewModel(Runnable::run);
        map.tileUrlProperty().set("abc");
        assertThat(map.checkedTileUrl()).isNull();
        assertThat(map.tileProblemProperty().get()).contains("http://");
        map.tileUrlProperty().set("https://tiles.example.org/map.png");
        assertThat(map.checkedTileUrl()).isNull();
        assertThat(map.tileProblemProperty().get()).contains("{z}, {x} and {y}");
        map.tileUrlProperty().set(" https://tiles.example.org/{z}/{x}/{y}.png ");
        assertThat(map.checkedTileUrl()).isEqualTo("https://tiles.example.org/{z}/{x}/{y}.png");
        assertThat(map.tileProblemProperty().get()).isEmpty();
        map.tileUrlProperty().set("");
        assertThat(map.checkedTileUrl()).isEmpty();
    }
}
