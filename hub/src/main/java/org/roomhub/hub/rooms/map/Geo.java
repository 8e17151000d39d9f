package org.roomhub.hub.rooms.map;

import java.util.Collection;
import org.roomhub.protocol.value.GeoPoint;

/** Geographic helpers for the map room. */
final class Geo {

    private Geo() {}

    /** The geographic midpoint: the mean of the points as unit vectors, projected back to the sphere. */
    static GeoPoint midpoint(Collection<GeoPoint> points) {
        double x = 0;
        double y = 0;
        double z = 0;
        for (GeoPoint p : points) {
            double lat = Math.toRadians(p.lat());
            double lng = Math.toRadians(p.lng());
            x += Math.cos(lat) * Math.cos(lng);
            y += Math.cos(lat) * Math.sin(lng);
            z += Math.sin(lat);
        }
        double hyp = Math.hypot(x, y);
        if (hyp < 1e-12 && Math.abs(z) < 1e-12) {
            // Points cancel out (e.g. antipodes): any point is as central; take the first.
            return points.iterator().next();
        }
        return GeoPoint.of(Math.toDegrees(Math.atan2(z, hyp)), Math.toDegrees(Math.atan2(y, x)));
    }
}
