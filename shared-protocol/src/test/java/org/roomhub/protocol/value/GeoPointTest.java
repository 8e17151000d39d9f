package org.roomhub.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeoPointTest {

    private static final GeoPoint PARIS = GeoPoint.of(48.8566, 2.3522);
    private static final GeoPoint LONDON = GeoPoint.of(51.5074, -0.1278);

    @Test
    void paris_to_london_is_about_343_km() {
        assertThat(PARIS.distanceKm(LONDON)).isCloseTo(343.5, within(1.0));
    }

    @Test
    void distance_is_symmetric_and_zero_to_itself() {
        assertThat(LONDON.distanceKm(PARIS)).isEqualTo(PARIS.distanceKm(LONDON));
        assertThat(PARIS.distanceKm(PARIS)).isZero();
    }

    @Test
    void antipodes_are_half_the_earth_around() {
        assertThat(GeoPoint.of(0, 0).distanceKm(GeoPoint.of(0, 180))).isCloseTo(20015.0, within(1.0));
        assertThat(GeoPoint.of(90, 0).distanceKm(GeoPoint.of(-90, 0))).isCloseTo(20015.0, within(1.0));
        assertThat(GeoPoint.of(48.8566, 2.3522).distanceKm(GeoPoint.of(-48.8566, -177.6478))).isCloseTo(20015.0, within(1.0));
    }

    @Test
    void the_date_line_is_crossed_the_short_way() {
        assertThat(GeoPoint.of(0, 179.5).distanceKm(GeoPoint.of(0, -179.5))).isCloseTo(111.2, within(0.5));
    }

    @Test
    void the_corners_of_the_range_are_valid() {
        assertThat(GeoPoint.of(90, 180)).isEqualTo(new GeoPoint(90.0, 180.0));
        assertThat(GeoPoint.of(-90, -180).lat()).isEqualTo(-90.0);
    }

    @ParameterizedTest
    @CsvSource({"91, 0", "-90.0001, 0", "0, -181", "0, 180.0001", "NaN, 0", "0, Infinity", "-Infinity, 0"})
    void a_coordinate_out_of_range_or_not_finite_is_refused(double lat, double lng) {
        assertThatIllegalArgumentException().isThrownBy(() -> GeoPoint.of(lat, lng));
    }

    @Test
    void a_missing_coordinate_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(null, 0.0)).withMessageContaining("lat");
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(0.0, null)).withMessageContaining("lng");
    }
}
