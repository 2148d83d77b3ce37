package cn.zoufang.directory;

/** 四上企业: the above-scale categories an enterprise can be counted in (several at once). */
public enum ScaleCategory {
    INDUSTRY("规上工业"),
    SERVICES("规上服务业"),
    TRADE("限上企业"),
    CONSTRUCTION("资质以上企业");

    private final String label;

    ScaleCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @jakarta.persistence.Converter
    public static class SetConverter extends cn.zoufang.web.EnumSetConverter<ScaleCategory> {
        public SetConverter() {
            super(ScaleCategory.class);
        }
    }
}
