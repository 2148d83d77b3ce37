package cn.zoufang.evidence;

/** What makes an accepted photo doubtful; shown beside it and counted by the monthly report. */
public enum PhotoFlag {
    OUTSIDE_VISIT_DAY("拍摄时间不在走访当天"),
    FAR_FROM_SITE("拍摄地点远离企业"),
    NO_CAPTURE_TIME("照片没有拍摄时间"),
    NO_LOCATION("照片没有位置信息");

    private final String label;

    PhotoFlag(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @jakarta.persistence.Converter
    public static class SetConverter extends cn.zoufang.web.EnumSetConverter<PhotoFlag> {
        public SetConverter() {
            super(PhotoFlag.class);
        }
    }
}
