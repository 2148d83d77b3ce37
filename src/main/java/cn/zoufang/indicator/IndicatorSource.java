package cn.zoufang.indicator;

import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;

/**
 * Where a value comes from. The statistics bureau's monthly figures and the office's corrections are
 * authoritative: what an official notes at a visit or an enterprise reports itself may fill a month that has
 * no authoritative value, never replace one.
 */
public enum IndicatorSource {
    VISIT("走访录入", false),
    ENTERPRISE("企业自报", false),
    STATISTICS("统计局导入", true),
    OFFICE("办公室更正", true);

    private final String label;
    private final boolean authoritative;

    IndicatorSource(String label, boolean authoritative) {
        this.label = label;
        this.authoritative = authoritative;
    }

    public String label() {
        return label;
    }

    public boolean authoritative() {
        return authoritative;
    }

    /** Whether a value from this source may replace the current one from {@code current}. */
    public boolean mayReplace(IndicatorSource current) {
        return authoritative || !current.authoritative;
    }

    /** The source of a value entered by hand: the office's and admin's correct, the enterprise reports, a group notes. */
    static IndicatorSource enteredBy(Caller caller) {
        if (caller.hasAny(Role.OFFICE, Role.ADMIN)) {
            return OFFICE;
        }
        return caller.hasAny(Role.ENTERPRISE_CONTACT) ? ENTERPRISE : VISIT;
    }
}
