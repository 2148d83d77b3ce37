package cn.zoufang.visit;

/** Where the phone's position came from, as the phone's OS reports it. */
public enum LocationSource {
    GPS("卫星定位"),
    NETWORK("网络定位"),
    CACHED("缓存位置"),
    MOCK("模拟位置");

    private final String label;

    LocationSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
