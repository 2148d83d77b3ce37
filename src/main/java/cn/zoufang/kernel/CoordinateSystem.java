package cn.zoufang.kernel;

/**
 * The coordinate system a position was given in. Phones and web maps in China seldom speak WGS-84:
 * Amap (高德) and Tencent SDKs return GCJ-02, Baidu's BD-09, both offset by hundreds of metres. The
 * service keeps and compares WGS-84 only; {@link #toWgs84} undoes the published transforms (the
 * identity outside China, where GCJ-02 is not applied).
 */
public enum CoordinateSystem {
    WGS84("WGS-84（卫星定位原始坐标）"),
    GCJ02("GCJ-02（高德、腾讯地图）"),
    BD09("BD-09（百度地图）");

    private final String label;

    CoordinateSystem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A position in WGS-84 degrees. */
    public record Position(double latitude, double longitude) {
    }

    public Position toWgs84(double latitude, double longitude) {
        return switch (this) {
            case WGS84 -> new Position(latitude, longitude);
            case GCJ02 -> gcj02ToWgs84(latitude, longitude);
            case BD09 -> {
                Position gcj = bd09ToGcj02(latitude, longitude);
                yield gcj02ToWgs84(gcj.latitude(), gcj.longitude());
            }
        };
    }

    /** {@code null} stands for the default, WGS-84. */
    public static CoordinateSystem orDefault(CoordinateSystem system) {
        return system == null ? WGS84 : system;
    }

    // GCJ-02 as published (Krasovsky ellipsoid, the "eviltransform" constants); it applies inside the
    // rough rectangle of China only.
    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    static boolean outsideChina(double lat, double lng) {
        return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    public static Position wgs84ToGcj02(double lat, double lng) {
        if (outsideChina(lat, lng)) {
            return new Position(lat, lng);
        }
        double[] d = offset(lat, lng);
        return new Position(lat + d[0], lng + d[1]);
    }

    /**
     * GCJ-02 has no closed-form inverse: search the WGS-84 point whose forward transform lands on the given
     * one (bisection per axis, to 1e-7 degrees, about 1 cm), so the error is far below a phone's fix.
     */
    static Position gcj02ToWgs84(double lat, double lng) {
        if (outsideChina(lat, lng)) {
            return new Position(lat, lng);
        }
        double minLat = lat - 0.01;
        double maxLat = lat + 0.01;
        double minLng = lng - 0.01;
        double maxLng = lng + 0.01;
        double wgsLat = lat;
        double wgsLng = lng;
        for (int i = 0; i < 40; i++) {
            wgsLat = (minLat + maxLat) / 2;
            wgsLng = (minLng + maxLng) / 2;
            Position there = wgs84ToGcj02(wgsLat, wgsLng);
            double dLat = there.latitude() - lat;
            double dLng = there.longitude() - lng;
            if (Math.abs(dLat) < 1e-7 && Math.abs(dLng) < 1e-7) {
                break;
            }
            if (dLat > 0) {
                maxLat = wgsLat;
            } else {
                minLat = wgsLat;
            }
            if (dLng > 0) {
                maxLng = wgsLng;
            } else {
                minLng = wgsLng;
            }
        }
        return new Position(wgsLat, wgsLng);
    }

    static Position bd09ToGcj02(double lat, double lng) {
        if (outsideChina(lat, lng)) {
            return new Position(lat, lng);
        }
        double x = lng - 0.0065;
        double y = lat - 0.006;
        double z = Math.hypot(x, y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        return new Position(z * Math.sin(theta), z * Math.cos(theta));
    }

    public static Position gcj02ToBd09(double lat, double lng) {
        if (outsideChina(lat, lng)) {
            return new Position(lat, lng);
        }
        double z = Math.hypot(lng, lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI);
        return new Position(z * Math.sin(theta) + 0.006, z * Math.cos(theta) + 0.0065);
    }

    private static double[] offset(double lat, double lng) {
        double x = lng - 105.0;
        double y = lat - 35.0;
        double common = 20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI);
        double dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
                + (common + 20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)
                        + 160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        double dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
                + (common + 20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)
                        + 150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        double radLat = lat / 180.0 * Math.PI;
        double magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
        double sqrtMagic = Math.sqrt(magic);
        return new double[] {
                dLat * 180.0 / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI),
                dLng * 180.0 / (A / sqrtMagic * Math.cos(radLat) * Math.PI) };
    }
}
