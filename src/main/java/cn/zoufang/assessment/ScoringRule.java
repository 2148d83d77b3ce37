package cn.zoufang.assessment;

/** How an indicator's value becomes points out of its weight. */
public enum ScoringRule {
    RATE("达标计分：得分 = 权重 × min(1, 实际值 ÷ 目标值)"),
    RELATIVE("相对最优计分：得分 = 权重 × 实际值 ÷ 参评单位中的最高值"),
    DEDUCT("扣分计分：得分 = max(0, 权重 − 每件扣分 × 实际值)");

    private final String label;

    ScoringRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
