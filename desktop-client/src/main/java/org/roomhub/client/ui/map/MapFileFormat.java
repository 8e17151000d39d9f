package org.roomhub.client.ui.map;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A file the map exports and imports, with the extensions a file chooser offers. */
public enum MapFileFormat {
    /** GPX 1.1: pins as waypoints, the route as a route. */
    GPX("GPX", List.of("*.gpx")),
    /** GeoJSON (RFC 7946) FeatureCollection. */
    GEOJSON("GeoJSON", List.of("*.geojson", "*.json"));

    private final String label;
    private final List<String> patterns;

    MapFileFormat(String label, List<String> patterns) {
        this.label = label;
        this.patterns = patterns;
    }

    /** The name shown to people. */
    public String label() {
        return label;
    }

    /** File name patterns such as {@code *.gpx}. */
    public List<String> patterns() {
        return patterns;
    }

    /** The {@code format=} value the hub takes. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a file name's extension names. */
    public static Optional<MapFileFormat> forFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (MapFileFormat f : values()) {
            if (f.patterns.stream().anyMatch(p -> lower.endsWith(p.substring(1)))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
