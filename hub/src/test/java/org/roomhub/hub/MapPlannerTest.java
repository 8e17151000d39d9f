package org.roomhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenetics.jpx.GPX;
import io.jenetics.jpx.WayPoint;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.roomhub.hub.runtime.RoomHost;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;

/**
 * The map as a trip planner on a real hub that requires tokens: several pins per person with
 * owner-only changes, named snapshots kept through hibernation and restarts, and GPX / GeoJSON
 * export and import over real HTTP.
 */
class MapPlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0().with(cfg -> cfg.auth.required = true);

    private String token(String user, Role role) {
        return hub.hub().tokens().issue(user, role, RoomPattern.parseList("map/*"), false, Duration.ofHours(1));
    }

    private WsClient join(String room, String user, Role role) {
        return hub.join("/rooms/map/" + room + "?token=" + token(user, role));
    }

    private static String pin(String pinId, double lat, double lng, String extra) {
        return "{\"type\":\"set-pin\"" + (pinId == null ? "" : ",\"pinId\":\"" + pinId + "\"")
                + ",\"location\":{\"lat\":" + lat + ",\"lng\":" + lng + "}" + extra + "}";
    }

    @Test
    void a_person_owns_many_pins_others_are_forbidden_to_move_or_remove_them_and_an_admin_may() {
        try (WsClient ann = join("own", "ann", Role.MEMBER); WsClient bob = join("own", "bob", Role.MEMBER);
                WsClient root = join("own", "root", Role.ADMIN)) {
            ann.send(pin("ann-hotel", 48.85, 2.35, ",\"label\":\"Hotel\",\"color\":\"#ff0000\",\"note\":\"check-in 15:00\""));
            ann.send(pin("ann-cafe", 48.86, 2.34, ",\"label\":\"Café\""));
            ann.send(pin(null, 48.87, 2.33, ""));
            JsonNode hotel = bob.await("pin-update", f -> f.path("pinId").asText().equals("ann-hotel"));
            assertThat(hotel.path("user").asText()).isEqualTo("ann");
            assertThat(hotel.path("note").asText()).isEqualTo("check-in 15:00");
            assertThat(hotel.path("seq").asLong()).isPositive();
            bob.await("pin-update", f -> f.path("pinId").asText().equals("pin-ann"));

            bob.send(pin("ann-hotel", 10, 10, ""));
            assertThat(bob.await("error").path("code").asText()).isEqualTo("FORBIDDEN");
            bob.send("{\"type\":\"remove-pin\",\"pinId\":\"ann-cafe\"}");
            bob.await("error", f -> f.path("message").asText().contains("ann-cafe"));
            assertThat(bob.ofType("error")).allMatch(f -> f.path("code").asText().equals("FORBIDDEN"));

            // The owner edits: omitted fields stay, an empty note clears it.
            ann.send(pin("ann-hotel", 48.851, 2.351, ",\"note\":\"\""));
            JsonNode moved = bob.await("pin-update", f -> f.path("location").path("lat").asDouble() == 48.851);
            assertThat(moved.path("label").asText()).isEqualTo("Hotel");
            assertThat(moved.path("color").asText()).isEqualTo("#ff0000");
            assertThat(moved.path("note").isNull()).isTrue();

            // An admin may move and remove anyone's pin; the owner stays the owner.
            root.send(pin("ann-hotel", 50, 3, ""));
            JsonNode byAdmin = ann.await("pin-update", f -> f.path("location").path("lat").asDouble() == 50.0);
            assertThat(byAdmin.path("user").asText()).isEqualTo("ann");
            root.send("{\"type\":\"remove-pin\",\"pinId\":\"ann-cafe\"}");
            ann.await("pin-removed", f -> f.path("pinId").asText().equals("ann-cafe"));
            ann.send("{\"type\":\"remove-pin\",\"pinId\":\"pin-ann\"}");
            bob.await("pin-removed", f -> f.path("pinId").asText().equals("pin-ann"));

            assertThat(bob.ofType("pin-update")).noneMatch(f -> f.path("location").path("lat").asDouble() == 10.0);
            try (WsClient late = join("own", "cy", Role.MEMBER)) {
                JsonNode state = late.await("map-state");
                assertThat(state.has("seq")).as("the welcome copy is not a broadcast").isFalse();
                assertThat(state.path("pins")).extracting(p -> p.path("pinId").asText()).containsExactly("ann-hotel");
                assertThat(late.types()).containsSubsequence("connected", "map-state", "snapshots");
                assertThat(late.await("snapshots").has("seq")).isFalse();
            }
        }
    }

    @Test
    void a_named_snapshot_survives_hibernation_and_a_restart_and_restoring_it_replaces_pins_and_route() {
        try (WsClient ann = join("plan", "ann", Role.MEMBER)) {
            ann.send(pin("a", 45.0, 7.0, ",\"label\":\"A\""));
            ann.send("{\"type\":\"add-waypoint\",\"location\":{\"lat\":45.5,\"lng\":7.5},\"label\":\"stop\"}");
            ann.await("route", f -> f.path("waypoints").size() == 1);
            ann.send("{\"type\":\"save-snapshot\",\"name\":\"saturday\"}");
            JsonNode names = ann.await("snapshots", f -> f.has("seq"));
            assertThat(names.path("names")).extracting(JsonNode::asText).containsExactly("saturday");

            ann.send(pin("b", 40.0, 3.0, ""));
            ann.send("{\"type\":\"clear-route\"}");
            ann.await("route", f -> f.path("waypoints").isEmpty());
            hub.send(hub.request("/api/rooms/map/plan/hibernate?token=" + token("root", Role.ADMIN))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            RoomHost room = hub.hub().registry().find(new RoomAddress("map", "plan")).orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> room.state() == RoomState.HIBERNATING);

            ann.send("{\"type\":\"restore-snapshot\",\"name\":\"saturday\"}");
            JsonNode restored = ann.await("map-state", f -> f.has("seq"));
            assertThat(restored.path("pins")).extracting(p -> p.path("pinId").asText()).containsExactly("a");
            assertThat(restored.path("route").path("waypoints").get(0).path("label").asText()).isEqualTo("stop");
        }
        hub.restart(); // same data folder
        try (WsClient bob = join("plan", "bob", Role.MEMBER)) {
            assertThat(bob.await("snapshots").path("names")).extracting(JsonNode::asText).containsExactly("saturday");
            assertThat(bob.await("map-state").path("pins")).extracting(p -> p.path("pinId").asText()).containsExactly("a");
            bob.send("{\"type\":\"restore-snapshot\",\"name\":\"sunday\"}");
            assertThat(bob.await("error").path("message").asText()).contains("sunday");
            bob.send("{\"type\":\"delete-snapshot\",\"name\":\"saturday\"}");
            assertThat(bob.await("snapshots", f -> f.has("seq")).path("names")).isEmpty();
        }
    }

    @Test
    void export_then_import_into_another_room_gives_the_same_pins_and_route_in_both_formats() throws Exception {
        String admin = token("root", Role.ADMIN);
        try (WsClient ann = join("src", "ann", Role.MEMBER); WsClient bob = join("src", "bob", Role.MEMBER)) {
            ann.send(pin("ann-hotel", 48.8566, 2.3522, ",\"label\":\"Hotel <Ritz> & co\",\"color\":\"#ff0000\",\"note\":\"line one\\nline two\""));
            bob.send(pin(null, 51.5074, -0.1278, ",\"label\":\"Café Zürich — 東京\""));
            ann.send("{\"type\":\"add-waypoint\",\"location\":{\"lat\":49.5,\"lng\":1.25},\"label\":\"Rouen\"}");
            ann.send("{\"type\":\"add-waypoint\",\"location\":{\"lat\":50.95,\"lng\":1.85}}");
            ann.await("route", f -> f.path("waypoints").size() == 2 && f.path("distancesKm").size() == 2);
        }
        JsonNode original = welcome("src");
        for (String format : List.of("geojson", "gpx")) {
            HttpResponse<String> export = hub.get("/api/rooms/map/src/export?format=" + format + "&token=" + admin);
            assertThat(export.statusCode()).isEqualTo(200);
            String room = "copy-" + format;
            HttpResponse<String> imported = post("/api/rooms/map/" + room + "/import?token=" + admin, export.body());
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(JSON.readTree(imported.body()).path("pins").asInt()).isEqualTo(2);
            JsonNode copy = welcome(room);
            assertThat(copy.path("pins")).as(format).isEqualTo(original.path("pins"));
            assertThat(copy.path("route")).as(format).isEqualTo(original.path("route"));
        }
    }

    @Test
    void the_exported_gpx_is_gpx_1_1_that_a_gpx_library_reads_and_the_geojson_follows_rfc_7946() throws Exception {
        String token = token("ann", Role.MEMBER);
        try (WsClient ann = join("files", "ann", Role.MEMBER)) {
            ann.send(pin("p1", 46.2, 6.15, ",\"label\":\"Geneva\",\"note\":\"by the lake\""));
            ann.send("{\"type\":\"add-waypoint\",\"location\":{\"lat\":46.5,\"lng\":6.6},\"label\":\"Lausanne\"}");
            ann.send("{\"type\":\"add-waypoint\",\"location\":{\"lat\":46.95,\"lng\":7.45},\"label\":\"Bern\"}");
            ann.await("route", f -> f.path("waypoints").size() == 2);
        }
        HttpResponse<String> gpxAnswer = hub.get("/api/rooms/map/files/export?format=gpx&token=" + token);
        assertThat(gpxAnswer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/gpx+xml"));
        GPX gpx = GPX.Reader.of(GPX.Version.V11, GPX.Reader.Mode.STRICT).fromString(gpxAnswer.body());
        assertThat(gpx.getVersion()).isEqualTo("1.1");
        assertThat(gpxAnswer.body()).contains("xmlns=\"http://www.topografix.com/GPX/1/1\"");
        WayPoint wpt = gpx.getWayPoints().get(0);
        assertThat(wpt.getName()).hasValue("Geneva");
        assertThat(wpt.getDescription()).hasValue("by the lake");
        assertThat(wpt.getLatitude().doubleValue()).isEqualTo(46.2);
        assertThat(gpx.getRoutes()).hasSize(1);
        assertThat(gpx.getRoutes().get(0).getPoints()).extracting(p -> p.getName().orElse("")).containsExactly("Lausanne", "Bern");

        HttpResponse<String> geo = hub.get("/api/rooms/map/files/export?format=geojson&token=" + token);
        assertThat(geo.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/geo+json"));
        JsonNode collection = JSON.readTree(geo.body());
        assertThat(collection.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(collection.has("crs")).as("RFC 7946 drops crs").isFalse();
        JsonNode first = collection.path("features").get(0);
        assertThat(first.path("geometry").path("coordinates")).extracting(JsonNode::asDouble).containsExactly(6.15, 46.2);
        assertThat(collection.path("features")).anyMatch(f -> f.path("geometry").path("type").asText().equals("LineString")
                && f.path("geometry").path("coordinates").size() == 2);
        assertThat(collection.path("features")).allMatch(f -> f.path("type").asText().equals("Feature") && f.path("properties").isObject());
    }

    @Test
    void a_bad_file_is_refused_whole_with_a_clear_400_and_a_viewer_may_not_import() throws Exception {
        String member = token("ann", Role.MEMBER);
        String halfBad = """
                {"type":"FeatureCollection","features":[
                  {"type":"Feature","geometry":{"type":"Point","coordinates":[2.35,48.85]},"properties":{"label":"ok"}},
                  {"type":"Feature","geometry":{"type":"Point","coordinates":[2.35,95.0]},"properties":{"label":"bad"}}]}""";
        HttpResponse<String> answer = post("/api/rooms/map/bad/import?token=" + member, halfBad);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("features[1]").contains("lat");

        String brokenGpx = "<?xml version=\"1.0\"?><gpx version=\"1.1\" creator=\"x\" xmlns=\"http://www.topografix.com/GPX/1/1\">"
                + "<wpt lat=\"1\" lon=\"2\"><name>ok</name></wpt><wpt lat=\"100\" lon=\"2\"/></gpx>";
        assertThat(post("/api/rooms/map/bad/import?token=" + member, brokenGpx).statusCode()).isEqualTo(400);
        assertThat(post("/api/rooms/map/bad/import?token=" + member, "<gpx version=\"1.1\"><wpt").statusCode()).isEqualTo(400);
        String entity = "<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<gpx version=\"1.1\" creator=\"x\" xmlns=\"http://www.topografix.com/GPX/1/1\"><wpt lat=\"1\" lon=\"2\"><name>&x;</name></wpt></gpx>";
        HttpResponse<String> xxe = post("/api/rooms/map/bad/import?token=" + member, entity);
        assertThat(xxe.statusCode()).isEqualTo(400);
        assertThat(xxe.body()).contains("DOCTYPE");
        assertThat(post("/api/rooms/map/bad/import?token=" + member, "hello").body()).contains("format");
        assertThat(hub.get("/api/rooms/map/bad/export?format=kml&token=" + member).statusCode()).isEqualTo(400);

        StringBuilder tooLong = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < 101; i++) {
            tooLong.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,")
                    .append(i % 80).append("]},\"properties\":{\"kind\":\"waypoint\",\"index\":").append(i).append("}}");
        }
        HttpResponse<String> overfull = post("/api/rooms/map/bad/import?token=" + member, tooLong.append("]}").toString());
        assertThat(overfull.statusCode()).isEqualTo(400);
        assertThat(overfull.body()).contains("100");

        String good = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[2.35,48.85]},\"properties\":{\"name\":\"ok\"}}";
        assertThat(post("/api/rooms/map/bad/import?token=" + token("vera", Role.VIEWER), good).statusCode()).isEqualTo(403);

        JsonNode state = welcome("bad");
        assertThat(state.path("pins")).as("nothing half-imported").isEmpty();
        assertThat(state.path("route").path("waypoints")).isEmpty();

        // The same good feature from a member lands, owned by the importer.
        assertThat(post("/api/rooms/map/bad/import?token=" + member, good).statusCode()).isEqualTo(200);
        assertThat(welcome("bad").path("pins").get(0).path("user").asText()).isEqualTo("ann");
    }

    private JsonNode welcome(String room) {
        try (WsClient c = join(room, "observer", Role.VIEWER)) {
            return c.await("map-state");
        }
    }

    private HttpResponse<String> post(String path, String body) {
        return hub.send(hub.request(path).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
