package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;

class MapRoomTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();

    @Test
    void pins_move_per_user_and_the_route_gives_the_meeting_point_and_great_circle_distances() {
        try (WsClient a = hub.join("/rooms/map/trip?name=ann"); WsClient b = hub.join("/rooms/map/trip?name=ben")) {
            assertThat(a.await("map-state").path("pins")).isEmpty();
            a.send("{\"type\":\"set-pin\",\"location\":{\"lat\":48.8566,\"lng\":2.3522},\"label\":\"Paris\",\"color\":\"#ff0000\"}");
            b.send("{\"type\":\"set-pin\",\"location\":{\"lat\":51.5074,\"lng\":-0.1278}}");
            var pin = b.await("pin-update", f -> f.path("user").asText().equals("ann"));
            assertThat(pin.path("label").asText()).isEqualTo("Paris");
            assertThat(pin.path("color").asText()).isEqualTo("#ff0000");
            var route = a.await("route", f -> f.path("distancesKm").size() == 2);
            assertThat(route.path("meetingPoint").path("lat").asDouble()).isBetween(50.0, 50.4);
            assertThat(route.path("distancesKm").path("ann").asDouble()).isBetween(170.0, 174.0);
            assertThat(route.path("distancesKm").path("ben").asDouble()).isBetween(170.0, 174.0);

            a.send("{\"type\":\"set-pin\",\"location\":{\"lat\":45.0,\"lng\":5.0}}");
            a.await("pin-update", f -> f.path("location").path("lat").asDouble() == 45.0);
            try (WsClient c = hub.join("/rooms/map/trip")) {
                assertThat(c.await("map-state").path("pins")).hasSize(2);
            }
        }
    }

    @Test
    void waypoints_build_the_route_and_clear_route_empties_it() {
        try (WsClient a = hub.join("/rooms/map/wp")) {
            a.send("{\"type\":\"add-waypoint\",\"location\":{\"lat\":10,\"lng\":20},\"label\":\"start\"}");
            a.send("{\"type\":\"add-waypoint\",\"location\":{\"lat\":11,\"lng\":21}}");
            var route = a.await("route", f -> f.path("waypoints").size() == 2);
            assertThat(route.path("waypoints").get(0).path("label").asText()).isEqualTo("start");
            a.send("{\"type\":\"clear-route\"}");
            a.await("route", f -> f.path("waypoints").isEmpty());
        }
    }

    @Test
    void an_out_of_range_latitude_or_unknown_pin_is_refused_with_a_clear_error() {
        try (WsClient a = hub.join("/rooms/map/bad")) {
            a.send("{\"type\":\"set-pin\",\"location\":{\"lat\":91,\"lng\":0}}");
            assertThat(a.await("error").path("message").asText()).contains("lat");
            a.send("{\"type\":\"remove-pin\",\"pinId\":\"nope\"}");
            a.await("error", f -> f.path("message").asText().contains("nope"));
            assertThat(a.ofType("pin-update")).isEmpty();
        }
    }

    @Test
    void removing_a_pin_broadcasts_pin_removed() {
        try (WsClient a = hub.join("/rooms/map/rm?name=zed")) {
            a.send("{\"type\":\"set-pin\",\"location\":{\"lat\":1,\"lng\":1}}");
            String pinId = a.await("pin-update").path("pinId").asText();
            a.send("{\"type\":\"remove-pin\",\"pinId\":\"" + pinId + "\"}");
            assertThat(a.await("pin-removed").path("pinId").asText()).isEqualTo(pinId);
        }
    }
}
