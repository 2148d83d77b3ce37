package cn.zoufang.directory;

/**
 * 店小二 tiers: a key enterprise (骨干龙头企业, one with a 重大重点项目) gets a named service officer and
 * closer attention; an ordinary one is visited less, in the spirit of 无事不扰. How often and how urgently
 * is each tier's {@link ServiceTierRule}, which the office sets.
 */
public enum ServiceTier {
    KEY("重点企业（店小二服务）"),
    ORDINARY("一般企业");

    private final String label;

    ServiceTier(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
