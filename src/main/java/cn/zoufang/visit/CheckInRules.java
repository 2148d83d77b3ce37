package cn.zoufang.visit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a phone's position into a verdict. A position the phone's OS calls mock, no position at all,
 * an enterprise without a registered location, or a fix less precise than the radius proves nothing:
 * unverifiable. Otherwise on site within the radius, out of range beyond it.
 */
@ApplicationScoped
public class CheckInRules {

    private final double radius;

    public CheckInRules(VisitConfig config) {
        this.radius = config.onSiteRadiusMeters();
    }

    public record Outcome(CheckInVerdict verdict, Double distanceMeters) {
    }

    public Outcome judge(Double lat, Double lng, Double accuracy, LocationSource source, Double siteLat, Double siteLng) {
        Double distance = lat == null || lng == null || siteLat == null || siteLng == null ? null
                : Geo.distanceMeters(lat, lng, siteLat, siteLng);
        if (distance == null || source == LocationSource.MOCK || accuracy == null || accuracy > radius) {
            return new Outcome(CheckInVerdict.UNVERIFIABLE, distance);
        }
        return new Outcome(distance <= radius ? CheckInVerdict.ON_SITE : CheckInVerdict.OUT_OF_RANGE, distance);
    }

    public double radiusMeters() {
        return radius;
    }
}
