package org.roomhub.protocol.value;

/** A point on Earth: {@code lat} in [-90, 90], {@code lng} in [-180, 180] degrees. */
public record GeoPoint(Double lat, Double lng) {

    private static final double EARTH_RADIUS_KM = 6371.0088;

    /** Checks both coordinates. */
    public GeoPoint {
        Checks.range("lat", lat, -90, 90);
        Checks.range("lng", lng, -180, 180);
    }

    /** Shorthand for code that has primitives. */
    public static GeoPoint of(double lat, double lng) {
        return new GeoPoint(lat, lng);
    }

    /** Great-circle distance in kilometres (haversine on the mean Earth radius). */
    public double distanceKm(GeoPoint other) {
        double p1 = Math.toRadians(lat);
        double p2 = Math.toRadians(other.lat);
        double dp = p2 - p1;
        double dl = Math.toRadians(other.lng - lng);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
