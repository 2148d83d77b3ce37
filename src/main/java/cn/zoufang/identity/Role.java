package cn.zoufang.identity;

/** What an account may do. The JWT's {@code groups} claim carries these names. */
public enum Role {
    OFFICIAL("挂点干部"),
    GROUP_LEADER("带队区领导"),
    DEPARTMENT_HANDLER("责任单位经办人"),
    ENTERPRISE_DESK("企情收处中心"),
    OFFICE("领导小组办公室"),
    ENTERPRISE_CONTACT("企业联系人"),
    /** 区巡查办: reads the figures, the assessment and the office's lists; changes nothing. */
    INSPECTOR("区巡查办"),
    ADMIN("系统管理员");

    // Constants for @RolesAllowed, which needs compile-time strings.
    public static final String N_OFFICIAL = "OFFICIAL";
    public static final String N_GROUP_LEADER = "GROUP_LEADER";
    public static final String N_DEPARTMENT_HANDLER = "DEPARTMENT_HANDLER";
    public static final String N_ENTERPRISE_DESK = "ENTERPRISE_DESK";
    public static final String N_OFFICE = "OFFICE";
    public static final String N_ENTERPRISE_CONTACT = "ENTERPRISE_CONTACT";
    public static final String N_INSPECTOR = "INSPECTOR";
    public static final String N_ADMIN = "ADMIN";

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @jakarta.persistence.Converter
    public static class SetConverter extends cn.zoufang.web.EnumSetConverter<Role> {
        public SetConverter() {
            super(Role.class);
        }
    }
}
