package org.roomhub.hub.rooms.map;

import java.util.Locale;
import java.util.Optional;

/** A file format the map room exports and imports. */
enum MapFormat {
    /** RFC 7946 GeoJSON FeatureCollection. */
    GEOJSON("application/geo+json"),
    /** GPX 1.1: waypoints and a route. */
    GPX("application/gpx+xml; charset=utf-8");

    private final String contentType;

    MapFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The media type of an exported file. */
    String contentType() {
        return contentType;
    }

    /** The format named by a {@code format=} query value. */
    static Optional<MapFormat> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "geojson", "json" -> Optional.of(GEOJSON);
            case "gpx" -> Optional.of(GPX);
            default -> Optional.empty();
        };
    }

    /** The format a file's first character suggests: {@code <} is XML (GPX), {@code {} is JSON. */
    static Optional<MapFormat> sniff(String body) {
        String text = body.stripLeading();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1).stripLeading();
        }
        if (text.startsWith("<")) {
            return Optional.of(GPX);
        }
        return text.startsWith("{") ? Optional.of(GEOJSON) : Optional.empty();
    }
}
