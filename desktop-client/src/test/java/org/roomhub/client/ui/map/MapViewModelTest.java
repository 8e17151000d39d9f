package org.roomhub.client.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Presence;
import org.roomhub.protocol.value.Route;
import org.roomhub.protocol.value.Waypoint;

class MapViewModelTest {

    private final MapViewModel viewModel = new MapViewModel(Runnable::run);

    @Test
    void the_welcome_state_then_updates_keep_one_entry_per_pin() {
        viewModel.handle(new ServerFrame.MapState(List.of(new Pin("p1", "ann", GeoPoint.of(48.1, 11.6), null, null, null)), Route.empty(), 1));
        viewModel.handle(new ServerFrame.PinUpdate("p1", "ann", GeoPoint.of(52.5, 13.4), "Ann", "#ff0000", null, 2, 1));
        viewModel.handle(new ServerFrame.PinUpdate("p2", "bob", GeoPoint.of(40.4, -3.7), null, null, null, 3, 2));
        assertThat(viewModel.pins()).extracting(Pin::pinId).containsExactly("p1", "p2");
        assertThat(viewModel.pins().get(0).location().lat()).isEqualTo(52.5);
        viewModel.handle(new ServerFrame.PinRemoved("p1", 4, 3));
        assertThat(viewModel.pins()).extracting(Pin::pinId).containsExactly("p2");
        assertThat(viewModel.hasLiveData()).isTrue();
    }

    @Test
    void a_pin_without_a_valid_colour_gets_one_from_its_user_and_its_user_as_label() {
        Pin pin = new Pin("p", "bob", GeoPoint.of(0, 0), null, "javascript:alert(1)", null);
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
    void a_pin_whose_owner_left_the_room_is_offline_until_they_come_back() {
        viewModel.handle(new ServerFrame.Connected("s-me", "ann", "map/lobby", 0, 1));
        viewModel.handle(new ServerFrame.MapState(List.of(new Pin("p-ann", "ann", GeoPoint.of(1, 1), null, null, null),
                new Pin("p-bob", "bob", GeoPoint.of(2, 2), null, null, null)), Route.empty(), 1));
        Pin bob = viewModel.pins().get(1);
        assertThat(viewModel.isOffline(bob)).as("not seen leaving: the welcome does not say").isFalse();

        viewModel.handle(new ServerFrame.UserJoined("s-bob", "bob", 2, 1));
        viewModel.handle(new ServerFrame.UserJoined("s-bob2", "bob", 3, 2)); // a second window
        viewModel.handle(new ServerFrame.UserLeft("s-bob", "bob", 4, 3));
        assertThat(viewModel.isOffline(bob)).as("one of his sessions is still there").isFalse();
        viewModel.handle(new ServerFrame.UserLeft("s-bob2", "bob", 5, 4));
        assertThat(viewModel.isOffline(bob)).isTrue();
        assertThat(viewModel.offlineUsers()).containsExactly("bob");
        assertThat(viewModel.isOffline(viewModel.pins().get(0))).as("my own pin").isFalse();

        viewModel.handle(new ServerFrame.UserJoined("s-bob3", "bob", 6, 5));
        assertThat(viewModel.isOffline(bob)).isFalse();
        assertThat(viewModel.offlineUsers()).isEmpty();
    }

    @Test
    void a_presence_diff_takes_its_joins_first_then_its_leaves() {
        viewModel.handle(new ServerFrame.Connected("s-me", "ann", "map/big", 0, 1));
        viewModel.handle(new ServerFrame.MapState(List.of(new Pin("p-bob", "bob", GeoPoint.of(2, 2), null, null, null),
                new Pin("p-cy", "cy", GeoPoint.of(3, 3), null, null, null)), Route.empty(),
                List.of(new Presence("s-me", "ann"), new Presence("s-bob", "bob")), 1));
        assertThat(viewModel.offlineUsers()).containsExactly("cy");

        viewModel.handle(new ServerFrame.PresenceDiff(List.of(new Presence("s-cy", "cy"),
                new Presence("s-dan", "dan")), List.of(new Presence("s-bob", "bob"),
                new Presence("s-dan", "dan")), 2, 1));
        assertThat(viewModel.offlineUsers()).containsExactly("bob");
    }

    @Test
    void a_welcome_naming_who_is_online_marks_an_owner_who_left_before_offline_at_once_and_a_join_brings_them_back() {
        viewModel.handle(new ServerFrame.Connected("s-me", "ann", "map/lobby", 0, 1));
        viewModel.handle(new ServerFrame.MapState(List.of(new Pin("p-ann", "ann", GeoPoint.of(1, 1), null, null, null),
                new Pin("p-dan", "dan", GeoPoint.of(2, 2), null, null, null)), Route.empty(),
                List.of(new Presence("s-me", "ann")), 1));
        assertThat(viewModel.offlineUsers()).containsExactly("dan");
        assertThat(viewModel.isOffline(viewModel.pins().get(0))).as("my own pin").isFalse();

        viewModel.handle(new ServerFrame.UserJoined("s-dan", "dan", 2, 1));
        assertThat(viewModel.offlineUsers()).isEmpty();
        viewModel.handle(new ServerFrame.UserLeft("s-dan", "dan", 3, 2));
        assertThat(viewModel.offlineUsers()).containsExactly("dan");
    }

    @Test
    void a_presence_list_marks_every_absent_owner_offline() {
        viewModel.handle(new ServerFrame.MapState(List.of(new Pin("p-carol", "carol", GeoPoint.of(1, 1), null, null, null)), Route.empty(), 1));
        viewModel.handle(new ServerFrame.PresenceUpdate(List.of(new Presence("s1", "ann")), 2, 1));
        assertThat(viewModel.offlineUsers()).containsExactly("carol");
    }

    @Test
    void the_route_length_is_the_great_circle_sum_along_the_waypoints_in_their_order() {
        GeoPoint paris = GeoPoint.of(48.8566, 2.3522);
        GeoPoint lyon = GeoPoint.of(45.764, 4.8357);
        GeoPoint geneva = GeoPoint.of(46.2044, 6.1432);
        viewModel.handle(new ServerFrame.RouteUpdate(List.of(new Waypoint(paris, "a"), new Waypoint(lyon, "b"), new Waypoint(geneva, "c")),
                null, Map.of(), 1, 1));
        assertThat(viewModel.routeLengthKmProperty().get()).isCloseTo(paris.distanceKm(lyon) + lyon.distanceKm(geneva), within(1e-9));
        assertThat(viewModel.routeLengthKmProperty().get()).isBetween(500.0, 540.0);
    }

    @Test
    void my_pins_are_those_of_the_user_the_hub_named_and_a_restored_state_replaces_all_pins() {
        viewModel.handle(new ServerFrame.Connected("s1", "ann", "map/trip", 0, 1));
        viewModel.handle(new ServerFrame.MapState(List.of(
                new Pin("pin-ann", "ann", GeoPoint.of(1, 1), "ann", "#112233", null),
                new Pin("ann-2", "ann", GeoPoint.of(2, 2), "camp", "#445566", "tents"),
                new Pin("pin-bob", "bob", GeoPoint.of(3, 3), "bob", null, null)), Route.empty(), 2));
        assertThat(viewModel.pins()).filteredOn(viewModel::isMine).extracting(Pin::pinId).containsExactly("pin-ann", "ann-2");
        assertThat(viewModel.colorOfPerson("ann")).isEqualTo("#112233");
        viewModel.handle(new ServerFrame.MapStateChanged(List.of(new Pin("pin-bob", "bob", GeoPoint.of(4, 4), "bob", null, null)),
                Route.empty(), 3, 9));
        assertThat(viewModel.pins()).extracting(Pin::pinId).containsExactly("pin-bob");
        viewModel.handle(new ServerFrame.SnapshotNames(List.of("a", "b"), 4));
        viewModel.handle(new ServerFrame.SnapshotsChanged(List.of("b"), 5, 10));
        assertThat(viewModel.plans().snapshots()).containsExactly("b");
        viewModel.handle(new ServerFrame.Error(org.roomhub.protocol.ErrorCode.FORBIDDEN, "pin x belongs to bob", 6));
        assertThat(viewModel.plans().messageProperty().get()).contains("belongs to bob");
    }

    @Test
    void a_file_name_tells_its_format() {
        assertThat(MapFileFormat.forFile("Trip.GPX")).contains(MapFileFormat.GPX);
        assertThat(MapFileFormat.forFile("plan.geojson")).contains(MapFileFormat.GEOJSON);
        assertThat(MapFileFormat.forFile("plan.json")).contains(MapFileFormat.GEOJSON);
        assertThat(MapFileFormat.forFile("notes.txt")).isEmpty();
    }

    @Test
    void a_tile_url_that_is_not_an_http_template_is_refused_in_words() {
        MapViewModel map = new MapViewModel(Runnable::run);
        map.tiles().urlProperty().set("abc");
        assertThat(map.tiles().checked()).isNull();
        assertThat(map.tiles().problemProperty().get()).contains("http://");
        map.tiles().urlProperty().set("https://tiles.example.org/map.png");
        assertThat(map.tiles().checked()).isNull();
        assertThat(map.tiles().problemProperty().get()).contains("{z}, {x} and {y}");
        map.tiles().urlProperty().set(" https://tiles.example.org/{z}/{x}/{y}.png ");
        assertThat(map.tiles().checked()).isEqualTo("https://tiles.example.org/{z}/{x}/{y}.png");
        assertThat(map.tiles().problemProperty().get()).isEmpty();
        map.tiles().urlProperty().set("");
        assertThat(map.tiles().checked()).isEmpty();
    }
}
