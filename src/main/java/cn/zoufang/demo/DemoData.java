package cn.zoufang.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import cn.zoufang.directory.Assignment;
import cn.zoufang.directory.AssistanceGroup;
import cn.zoufang.directory.Department;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.directory.GroupMember;
import cn.zoufang.directory.IndustryChain;
import cn.zoufang.directory.ScaleCategory;
import cn.zoufang.directory.ServiceTier;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.PasswordHasher;
import cn.zoufang.identity.Role;
import cn.zoufang.indicator.IndicatorDictionary;
import cn.zoufang.indicator.IndicatorSource;
import cn.zoufang.indicator.IndicatorValue;
import cn.zoufang.kernel.CoordinateSystem;
import cn.zoufang.kernel.Dates;
import cn.zoufang.project.KeyProject;
import cn.zoufang.project.ProjectReport;
import cn.zoufang.project.ProjectStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Demo data for local runs: the departments, industry chains and enterprises named in the zone's
 * 2019 action plan (../shared/seed), two assistance groups and one account per role. The credit codes
 * are fictional (organisation code 00000xxxx) but pass the GB 32100 check. Enabled only where
 * {@code zoufang.demo.enabled=true} (the local and test profiles), never in production.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    /** Demo phones, one per role; printed by the run script. */
    public static final String ADMIN = "13800000001";
    public static final String OFFICE = "13800000002";
    public static final String DESK = "13800000003";
    public static final String LEADER_1 = "13800000004";
    public static final String OFFICIAL_1 = "13800000005";
    public static final String LEADER_2 = "13800000006";
    public static final String OFFICIAL_2 = "13800000007";
    public static final String DEPARTMENT = "13800000008";
    public static final String CONTACT_1 = "13800000009";
    public static final String CONTACT_2 = "13800000010";
    public static final String INSPECTOR = "13800000011";

    private final boolean enabled;
    private final String password;
    private final PasswordHasher hasher;

    private final Clock clock;

    private final IndicatorDictionary dictionary;

    private final String profile;

    public DemoData(@ConfigProperty(name = "zoufang.demo.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "zoufang.demo.password", defaultValue = "Zoufang@2026") String password,
            @ConfigProperty(name = "quarkus.profile", defaultValue = "prod") String profile,
            PasswordHasher hasher, IndicatorDictionary dictionary, Clock clock) {
        this.clock = clock;
        this.dictionary = dictionary;
        this.profile = profile;
        this.enabled = enabled;
        this.password = password;
        this.hasher = hasher;
    }

    void load(@Observes StartupEvent event) throws Throwable {
        if (!enabled) {
            return;
        }
        // Accounts with a published password in a zone's real database: production refuses to start instead.
        if (java.util.Arrays.stream(profile.split(",")).map(String::trim).anyMatch("prod"::equals)) {
            throw new IllegalStateException("生产环境不能开启演示数据（zoufang.demo.enabled=true）: demo data is refused "
                    + "in the prod profile; it creates accounts whose password is published");
        }
        Long existing = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> Account.count("phone", ADMIN)));
        if (existing > 0) {
            LOG.info("Demo data already present");
            return;
        }
        // Hash here, on the start-up thread, where slow work is allowed.
        String hash = hasher.hashNow(password);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> insert(hash)));
        LOG.infof("Demo data loaded; every demo account's password is %s", password);
    }

    private Uni<Void> insert(String hash) {
        OffsetDateTime now = Dates.now(clock);
        List<Object> rows = new ArrayList<>();

        List<Department> departments = new ArrayList<>();
        for (String[] d : new String[][] { { "区经发局", "经发局" }, { "区招商局", "招商局" }, { "区住建局", "住建局" },
                { "区国土分局", "国土分局" }, { "区规划分局", "规划分局" }, { "区财金局", "财金局" }, { "区城环局", "城环局" },
                { "区社发局", "社发局" }, { "区项目办", "项目办" } }) {
            Department dep = new Department();
            dep.id = UUID.randomUUID();
            dep.name = d[0];
            dep.shortName = d[1];
            dep.createdAt = now;
            departments.add(dep);
        }
        rows.addAll(departments);

        Object[][] enterprises = {
                { "欧菲光（演示）", IndustryChain.ELECTRONIC_INFORMATION, EnumSet.of(ScaleCategory.INDUSTRY), "蛟桥镇" },
                { "同兴达（演示）", IndustryChain.ELECTRONIC_INFORMATION, EnumSet.of(ScaleCategory.INDUSTRY), "蛟桥镇" },
                { "智慧海派（演示）", IndustryChain.ELECTRONIC_INFORMATION, EnumSet.of(ScaleCategory.INDUSTRY), "白水湖管理处" },
                { "佳因光电（演示）", IndustryChain.ELECTRONIC_INFORMATION, EnumSet.of(ScaleCategory.INDUSTRY), "白水湖管理处" },
                { "江铃新能源（演示）", IndustryChain.NEW_ENERGY_VEHICLE, EnumSet.of(ScaleCategory.INDUSTRY), "樵舍镇" },
                { "百路佳（演示）", IndustryChain.NEW_ENERGY_VEHICLE, EnumSet.of(ScaleCategory.INDUSTRY), "樵舍镇" },
                { "格特拉克（演示）", IndustryChain.NEW_ENERGY_VEHICLE, EnumSet.of(ScaleCategory.INDUSTRY), "乐化镇" },
                { "云嘉（演示）", IndustryChain.NEW_ENERGY_VEHICLE, EnumSet.of(ScaleCategory.INDUSTRY), "乐化镇" },
                { "费森尤斯卡比（演示）", IndustryChain.MEDICINE_FOOD, EnumSet.of(ScaleCategory.INDUSTRY), "蛟桥镇" },
                { "润田（演示）", IndustryChain.MEDICINE_FOOD,
                        EnumSet.of(ScaleCategory.INDUSTRY, ScaleCategory.TRADE), "白水湖管理处" },
                { "顶津（演示）", IndustryChain.MEDICINE_FOOD, EnumSet.of(ScaleCategory.INDUSTRY), "乐化镇" },
                { "腾讯众创空间（演示）", IndustryChain.OTHER, EnumSet.of(ScaleCategory.SERVICES), "白水湖管理处" } };
        List<Enterprise> created = new ArrayList<>();
        for (int i = 0; i < enterprises.length; i++) {
            Object[] row = enterprises[i];
            Enterprise e = new Enterprise();
            e.id = UUID.randomUUID();
            e.name = (String) row[0];
            e.creditCode = demoCreditCode(i + 1);
            e.industryChain = (IndustryChain) row[1];
            @SuppressWarnings("unchecked")
            Set<ScaleCategory> categories = (Set<ScaleCategory>) row[2];
            e.scaleCategories = categories;
            e.town = (String) row[3];
            e.address = "南昌经济技术开发区演示路 " + (100 + i) + " 号";
            e.latitude = 28.745 + i * 0.004;
            e.longitude = 115.795 + i * 0.003;
            e.locationSystem = CoordinateSystem.WGS84;
            e.contactName = "联系人" + (i + 1);
            e.contactPhone = String.format("1390000%04d", i + 1);
            e.createdAt = now;
            e.updatedAt = now;
            created.add(e);
        }
        rows.addAll(created);

        Account admin = account(ADMIN, "管理员", hash, EnumSet.of(Role.ADMIN), now);
        Account office = account(OFFICE, "张主任（领导小组办公室）", hash, EnumSet.of(Role.OFFICE), now);
        Account desk = account(DESK, "刘窗口（企情收处中心）", hash, EnumSet.of(Role.ENTERPRISE_DESK), now);
        Account leader1 = account(LEADER_1, "李区长", hash, EnumSet.of(Role.GROUP_LEADER), now);
        Account official1 = account(OFFICIAL_1, "王干部", hash, EnumSet.of(Role.OFFICIAL), now);
        Account leader2 = account(LEADER_2, "陈区长", hash, EnumSet.of(Role.GROUP_LEADER), now);
        Account official2 = account(OFFICIAL_2, "赵干部", hash, EnumSet.of(Role.OFFICIAL), now);
        Account handler = account(DEPARTMENT, "周科长（区经发局）", hash, EnumSet.of(Role.DEPARTMENT_HANDLER), now);
        handler.departmentId = departments.get(0).id;
        Account contact1 = account(CONTACT_1, "欧菲光联系人", hash, EnumSet.of(Role.ENTERPRISE_CONTACT), now);
        contact1.enterpriseId = created.get(0).id;
        Account contact2 = account(CONTACT_2, "江铃新能源联系人", hash, EnumSet.of(Role.ENTERPRISE_CONTACT), now);
        contact2.enterpriseId = created.get(4).id;
        Account inspector = account(INSPECTOR, "孙科长（区巡查办）", hash, EnumSet.of(Role.INSPECTOR), now);
        rows.addAll(List.of(admin, office, desk, leader1, official1, leader2, official2, handler, contact1, contact2,
                inspector));

        AssistanceGroup group1 = group("第一挂点帮扶小组（电子信息）", leader1, now);
        AssistanceGroup group2 = group("第二挂点帮扶小组（新能源汽车）", leader2, now);
        rows.addAll(List.of(group1, group2));
        rows.addAll(List.of(GroupMember.of(group1.id, leader1.id), GroupMember.of(group1.id, official1.id),
                GroupMember.of(group2.id, leader2.id), GroupMember.of(group2.id, official2.id)));

        LocalDate start = Dates.today(clock).withDayOfYear(1);
        for (int i = 0; i < created.size(); i++) {
            Enterprise e = created.get(i);
            // Electronics to group 1, vehicles to group 2; the rest wait for the office to assign them.
            AssistanceGroup g = e.industryChain == IndustryChain.ELECTRONIC_INFORMATION ? group1
                    : e.industryChain == IndustryChain.NEW_ENERGY_VEHICLE ? group2 : null;
            if (g != null) {
                Assignment a = new Assignment();
                a.id = UUID.randomUUID();
                a.groupId = g.id;
                a.enterpriseId = e.id;
                a.startDate = start;
                a.createdAt = now;
                rows.add(a);
            }
        }
        rows.addAll(figures(created, now));
        Enterprise key = created.get(6);
        rows.addAll(keyProject(key, departments.get(0), handler, now));
        // The officer's account is written after the enterprises (a contact's account points at its enterprise):
        // named once both are in.
        return Panache.getSession().flatMap(s -> s.persistAll(rows.toArray()).chain(s::flush)
                .invoke(() -> key.serviceOfficerId = official2.id).chain(s::flush)
                .chain(() -> schemes(s, office, now)));
    }

    /**
     * The assessment scheme the demo's office uses, this year and last: the seed's 绩效考核 indicators, and the
     * office's own for officials.
     */
    static final String SCHEME = """
            {"groups": [
              {"metric": "coverageRate", "weight": 30, "rule": "RATE", "target": 1.0},
              {"metric": "confirmedShare", "weight": 20, "rule": "RATE", "target": 0.8},
              {"metric": "visitsCompleted", "weight": 20, "rule": "RELATIVE"},
              {"metric": "overdueAtMonthEnd", "weight": 15, "rule": "DEDUCT", "perUnit": 5},
              {"metric": "meanVisitRating", "weight": 15, "rule": "RATE", "target": 5}],
             "departments": [
              {"metric": "onTimeRate", "weight": 35, "rule": "RATE", "target": 1.0},
              {"metric": "satisfiedShare", "weight": 25, "rule": "RATE", "target": 1.0},
              {"metric": "ratedShare", "weight": 10, "rule": "RATE", "target": 1.0},
              {"metric": "returns", "weight": 15, "rule": "DEDUCT", "perUnit": 5},
              {"metric": "issuesSupervised", "weight": 15, "rule": "DEDUCT", "perUnit": 5}],
             "officials": [
              {"metric": "visitsCompleted", "weight": 40, "rule": "RELATIVE"},
              {"metric": "confirmedShare", "weight": 30, "rule": "RATE", "target": 0.8},
              {"metric": "meanVisitRating", "weight": 15, "rule": "RATE", "target": 5},
              {"metric": "registeredFromVisits", "weight": 15, "rule": "RELATIVE"}]}""";

    private Uni<Void> schemes(Mutiny.Session s, Account office, OffsetDateTime now) {
        int year = Dates.today(clock).getYear();
        return s.createNativeQuery("""
                insert into assessment_scheme (year, version, title, indicators, created_at, created_by)
                values (:last, 1, :lastTitle, :indicators, :now, :by), (:year, 1, :title, :indicators, :now, :by)""")
                .setParameter("last", year - 1).setParameter("lastTitle", (year - 1) + " 年度企业大走访和挂点帮扶工作考核方案")
                .setParameter("year", year).setParameter("title", year + " 年度企业大走访和挂点帮扶工作考核方案")
                .setParameter("indicators", SCHEME).setParameter("now", now).setParameter("by", office.id)
                .executeUpdate().replaceWithVoid();
    }

    /**
     * A year of the statistics bureau's figures for each demo enterprise (up to last month: the bureau reports a
     * month late), so that an enterprise's file has something to show. Made-up, steady numbers.
     */
    private List<IndicatorValue> figures(List<Enterprise> enterprises, OffsetDateTime now) {
        List<IndicatorValue> out = new ArrayList<>();
        YearMonth last = Dates.thisMonth(clock).minusMonths(1);
        for (int i = 0; i < enterprises.size(); i++) {
            for (int m = 0; m < 12; m++) {
                BigDecimal revenue = BigDecimal.valueOf(2000 + 700L * i + (m * 37L + i * 11L) % 200);
                Map<String, BigDecimal> month = Map.of("MAIN_REVENUE", revenue, "TAX", revenue.multiply(BigDecimal.valueOf(0.04)),
                        "EMPLOYEES", BigDecimal.valueOf(150 + 40L * i + m % 3));
                for (Map.Entry<String, BigDecimal> v : month.entrySet()) {
                    IndicatorValue row = new IndicatorValue();
                    row.id = UUID.randomUUID();
                    row.enterpriseId = enterprises.get(i).id;
                    row.indicator = v.getKey();
                    row.period = last.minusMonths(m).atDay(1);
                    row.value = v.getValue().setScale(2, RoundingMode.HALF_UP);
                    row.source = IndicatorSource.STATISTICS;
                    row.recordedAt = now;
                    row.dictionaryVersion = dictionary.version();
                    out.add(row);
                }
            }
        }
        return out;
    }

    /**
     * 格特拉克 as a key enterprise served by its group's official, with a 重大重点项目 of 区经发局 reported every
     * month up to this one (one month late, the last two blocked, the plan not quite kept): the 店小二 pages and
     * the 调度 list have something to show.
     */
    private List<Object> keyProject(Enterprise e, Department department, Account handler, OffsetDateTime now) {
        e.serviceTier = ServiceTier.KEY;
        YearMonth first = Dates.thisMonth(clock).minusMonths(6);
        KeyProject p = new KeyProject();
        p.id = UUID.randomUUID();
        p.name = "格特拉克新能源变速器扩产项目（演示）";
        p.enterpriseId = e.id;
        p.departmentId = department.id;
        p.plannedInvestment = BigDecimal.valueOf(86000);
        p.startMonth = first.atDay(1);
        p.endMonth = first.plusMonths(24).atDay(1);
        p.status = ProjectStatus.ACTIVE;
        p.createdAt = now;
        p.updatedAt = now;
        List<Object> out = new ArrayList<>(List.of(p));
        // Reported up to this month (its report sent early), so no month of it is ever missing.
        for (int k = 0; k < 7; k++) {
            YearMonth m = first.plusMonths(k);
            ProjectReport r = new ProjectReport();
            r.id = UUID.randomUUID();
            r.projectId = p.id;
            r.month = m.atDay(1);
            r.plannedToDate = BigDecimal.valueOf(3500L * (k + 1));
            r.investedToDate = BigDecimal.valueOf(3500L * (k + 1) * (k < 4 ? 100 : 80) / 100);
            r.progress = k < 4 ? "厂房主体施工按计划推进" : "设备进口清关延迟，安装滞后";
            r.blocked = k >= 5;
            r.submittedBy = handler.id;
            r.submittedAt = now;
            r.late = k == 4;
            out.add(r);
        }
        return out;
    }

    /** A fictional but valid code: 91 (enterprise), 360100 (Nanchang), organisation code 00000nnnn. */
    public static String demoCreditCode(int n) {
        String first17 = "9136010000000" + String.format("%04d", n);
        return first17 + cn.zoufang.directory.CreditCodes.checkCharacter(first17);
    }

    private static Account account(String phone, String name, String hash, Set<Role> roles, OffsetDateTime now) {
        Account a = Account.create(phone, name, roles, now);
        a.passwordHash = hash;
        return a;
    }

    private static AssistanceGroup group(String name, Account leader, OffsetDateTime now) {
        AssistanceGroup g = new AssistanceGroup();
        g.id = UUID.randomUUID();
        g.name = name;
        g.leaderId = leader.id;
        g.createdAt = now;
        return g;
    }
}
