package org.roomhub.hub.rooms.map;

import java.util.List;

import java.util.Optional;
import java.util.function.Supplier;
import org.roomhub.hub.room.RoomRequest;
import org.roomhub.hub.room.RoomResponse;
import org.roomhub.protocol.value.GeoPoint;

/**
 * The map room's HTTP side: {@code GET …/export?format=geojson|gpx} and {@code POST …/import}
 * (format from {@code ?format=}, else guessed from the first character). A file that cannot be read
 * or would overfill the map is refused whole with {@code 400} and a message that says why.
 */
final class MapFiles {

    /** Adds a plan; returns null when done, else why it was refused (nothing was added). */
    @FunctionalInterface
    interface Importer {
        String add(MapPlan plan, String user, String role);
    }

    private final String roomName;

    MapFiles(String roomName) {
        this.roomName = roomName;
    }

    RoomResponse answer(RoomRequest request, Supplier<MapPlan> plan, GeoPoint meetingPoint, Importer importer) {
        String path = request.path();
        if (path.endsWith("/export")) {
            if (!request.method().equals("GET")) {
                return RoomResponse.text(405, "export answers GET");
            }
            Optional<MapFormat> format = MapFormat.named(query(request, "format"));
            if (format.isEmpty()) {
                return RoomResponse.text(400, "format must be geojson or gpx");
            }
            String body = format.get() == MapFormat.GPX ? GpxFormat.write(plan.get(), roomName)
                    : GeoJsonFormat.write(plan.get(), meetingPoint);
            return new RoomResponse(200, format.get().contentType(), body);
        }
        if (path.endsWith("/import")) {
            if (!request.method().equals("POST")) {
                return RoomResponse.text(405, "import answers POST");
            }
            if ("viewer".equals(request.role())) {
                return RoomResponse.text(403, "role viewer may not import");
            }
            return importFile(request, importer);
        }
        return RoomResponse.text(404, "a map room answers GET …/export and POST …/import");
    }

    private static RoomResponse importFile(RoomRequest request, Importer importer) {
        String body = request.body() == null ? "" : request.body();
        String named = query(request, "format");
        Optional<MapFormat> format = named != null ? MapFormat.named(named) : MapFormat.sniff(body);
        if (format.isEmpty()) {
            return RoomResponse.text(400, named != null ? "format must be geojson or gpx"
                    : "cannot tell the file's format: send GPX 1.1 or GeoJSON, or name it with ?format=");
        }
        GpxFormat.Imported file;
        try {
            file = format.get() == MapFormat.GPX ? GpxFormat.read(body, request.user()) : GeoJsonFormat.read(body, request.user());
        } catch (BadFile e) {
            return RoomResponse.text(400, e.getMessage());
        }
        if (file.plan().pins().isEmpty() && file.plan().waypoints().isEmpty()) {
            return RoomResponse.text(400, "the file holds no pins or waypoints to import");
        }
        String refused = importer.add(file.plan(), request.user(), request.role());
        if (refused != null) {
            return RoomResponse.text(400, refused);
        }
        return RoomResponse.json(200, "{\"pins\":" + file.plan().pins().size() + ",\"waypoints\":" + file.plan().waypoints().size()
                + ",\"ignored\":" + file.ignored() + "}");
    }

    private static String query(RoomRequest request, String name) {
        List<String> values = request.query() == null ? null : request.query().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

}
