package org.roomhub.hub.rooms.map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.roomhub.protocol.value.GeoPoint;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Waypoint;

/**
 * RFC 7946 GeoJSON: one FeatureCollection. Pins are Point features ({@code kind: "pin"}), each
 * route stop a Point ({@code kind: "waypoint"} with its {@code index}), the route a LineString
 * ({@code kind: "route"}) and the meeting point a Point ({@code kind: "meeting-point"}, derived,
 * so ignored on import). Positions are {@code [lng, lat]}. Reading also takes plain Points (as
 * pins, label from {@code label}, {@code name} or {@code title}) and a LineString without waypoint
 * features (as the route); other geometries are counted, not imported.
 */
final class GeoJsonFormat {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private GeoJsonFormat() {}

    /** A GeoJSON object: a collection, a feature or a geometry (null members are left out). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FeatureCollection(String type, List<Feature> features) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Feature(String type, Geometry geometry, Properties properties) {}

    record Geometry(String type, Object coordinates) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Properties(String kind, String pinId, String user, String label, String color, String note, Integer index) {}

    /** The plan (and its meeting point, if any) as GeoJSON text. */
    static String write(MapPlan plan, GeoPoint meetingPoint) {
        List<Feature> features = new ArrayList<>();
        for (Pin p : plan.pins()) {
            features.add(new Feature("Feature", point(p.location()),
                    new Properties("pin", p.pinId(), p.user(), p.label(), p.color(), p.note(), null)));
        }
        List<Waypoint> stops = plan.waypoints();
        for (int i = 0; i < stops.size(); i++) {
            features.add(new Feature("Feature", point(stops.get(i).location()),
                    new Properties("waypoint", null, null, stops.get(i).label(), null, null, i)));
        }
        if (stops.size() >= 2) { // RFC 7946 3.1.4: a LineString has two or more positions
            features.add(new Feature("Feature", new Geometry("LineString", stops.stream().map(w -> position(w.location())).toList()),
                    new Properties("route", null, null, null, null, null, null)));
        }
        if (meetingPoint != null) {
            features.add(new Feature("Feature", point(meetingPoint),
                    new Properties("meeting-point", null, null, "meeting point", null, null, null)));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new FeatureCollection("FeatureCollection", features));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a FeatureCollection (or one Feature); pins without an owner get {@code importer}. */
    static GpxFormat.Imported read(String text, String importer) throws BadFile {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadFile("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadFile("a GeoJSON file must hold one JSON object");
        }
        List<JsonNode> features = new ArrayList<>();
        switch (root.path("type").asText()) {
            case "FeatureCollection" -> {
                if (!root.path("features").isArray()) {
                    throw new BadFile("a FeatureCollection needs a \"features\" array");
                }
                root.get("features").forEach(features::add);
            }
            case "Feature" -> features.add(root);
            default -> throw new BadFile("type must be FeatureCollection or Feature, was " + root.path("type"));
        }
        List<Pin> pins = new ArrayList<>();
        List<Indexed> stops = new ArrayList<>();
        List<Waypoint> line = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < features.size(); i++) {
            JsonNode f = features.get(i);
            String where = "features[" + i + "]";
            if (!f.isObject() || !"Feature".equals(f.path("type").asText())) {
                throw new BadFile(where + ": type must be Feature");
            }
            JsonNode geometry = f.path("geometry");
            JsonNode props = f.path("properties").isObject() ? f.get("properties") : JSON.createObjectNode();
            String kind = text(props, "kind");
            String geometryType = geometry.path("type").asText();
            try {
                if ("Point".equals(geometryType)) {
                    GeoPoint at = position(geometry.path("coordinates"), where + ".geometry.coordinates");
                    String label = firstText(props, "label", "name", "title");
                    if ("waypoint".equals(kind)) {
                        stops.add(new Indexed(props.path("index").canConvertToInt() ? props.get("index").asInt() : stops.size(),
                                new Waypoint(at, label)));
                    } else if ("meeting-point".equals(kind)) {
                        continue; // derived from the pins
                    } else {
                        String user = text(props, "user");
                        String id = text(props, "pinId");
                        pins.add(new Pin(id != null ? id : MapPlan.NO_ID, user != null ? user : importer, at, label, text(props, "color"),
                                firstText(props, "note", "description")));
                    }
                } else if ("LineString".equals(geometryType)) {
                    JsonNode coords = geometry.path("coordinates");
                    if (!coords.isArray() || coords.size() < 2) {
                        throw new BadFile(where + ": a LineString needs two or more positions");
                    }
                    if (!line.isEmpty()) {
                        ignored++;
                        continue;
                    }
                    for (int k = 0; k < coords.size(); k++) {
                        line.add(new Waypoint(position(coords.get(k), where + ".geometry.coordinates[" + k + "]"), null));
                    }
                } else if (geometry.isObject() && !geometryType.isEmpty()) {
                    ignored++;
                } else if (geometry.isNull()) {
                    ignored++; // RFC 7946 3.2: an unlocated feature
                } else {
                    throw new BadFile(where + ": geometry needs a type");
                }
            } catch (IllegalArgumentException e) {
                throw new BadFile(where + ": " + e.getMessage());
            }
        }
        List<Waypoint> route;
        if (!stops.isEmpty()) {
            stops.sort(java.util.Comparator.comparingInt(Indexed::index));
            route = stops.stream().map(Indexed::stop).toList();
        } else {
            route = line;
        }
        return new GpxFormat.Imported(new MapPlan(pins, route), ignored);
    }

    private record Indexed(int index, Waypoint stop) {}

    private static Geometry point(GeoPoint p) {
        return new Geometry("Point", position(p));
    }

    private static double[] position(GeoPoint p) {
        return new double[] {p.lng(), p.lat()};
    }

    private static GeoPoint position(JsonNode node, String where) throws BadFile {
        if (!node.isArray() || node.size() < 2 || !node.get(0).isNumber() || !node.get(1).isNumber()) {
            throw new BadFile(where + ": a position is [longitude, latitude]");
        }
        try {
            return GeoPoint.of(node.get(1).asDouble(), node.get(0).asDouble());
        } catch (IllegalArgumentException e) {
            throw new BadFile(where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode props, String field) {
        JsonNode v = props.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String firstText(JsonNode props, String... fields) {
        for (String f : fields) {
            String v = text(props, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
