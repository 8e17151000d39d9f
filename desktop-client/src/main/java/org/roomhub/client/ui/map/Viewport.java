package org.roomhub.client.ui.map;

/**
 * Where the map looks: its centre and zoom level.
 *
 * @param lat centre latitude
 * @param lng centre longitude
 * @param zoom Leaflet zoom level
 */
public record Viewport(double lat, double lng, double zoom) {

    /** Whether the numbers can be handed to the map (Leaflet gives NaN before it has a size). */
    public boolean usable() {
        return Double.isFinite(lat) && Double.isFinite(lng) && Double.isFinite(zoom) && Math.abs(lat) <= 90 && zoom >= 0;
    }
}
