package cn.zoufang.bulletin;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.assessment.AssessmentDtos;
import cn.zoufang.assessment.AssessmentDtos.Assessment;
import cn.zoufang.assessment.AssessmentDtos.Standing;
import cn.zoufang.assessment.AssessmentService;
import cn.zoufang.assessment.Scoring;
import cn.zoufang.bulletin.BulletinDtos.TypicalCase;
import cn.zoufang.document.OfficialDocument;
import cn.zoufang.document.OfficialDocument.Body;
import cn.zoufang.document.OfficialDocument.Table;
import cn.zoufang.document.Texts;
import cn.zoufang.kernel.Dates;
import cn.zoufang.meeting.MeetingDtos.FollowThrough;
import cn.zoufang.meeting.MeetingService;
import cn.zoufang.report.DashboardDtos.Line;
import cn.zoufang.report.DashboardDtos.OverdueIssue;
import cn.zoufang.report.DashboardDtos.PeriodDashboard;
import cn.zoufang.report.DashboardDtos.Supervision;
import cn.zoufang.report.CommonProblems;
import cn.zoufang.report.DashboardService;
import cn.zoufang.report.Figures;
import cn.zoufang.report.Period;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The period's 通报 (ranked tables, red and black lists, typical cases, the overdue list) and the leaders'
 * briefing (汇报材料), written from the period's kept figures and its assessment, as documents.
 */
@ApplicationScoped
@WithSession
public class BulletinService {

    static final String OFFICE = OfficialDocument.LEADING_GROUP_OFFICE;
    /** Ranked in the top three with this total or more: the red list. */
    static final double RED_LIST_FROM = 90;
    /** A total below this: the black list. */
    static final double BLACK_LIST_BELOW = 60;
    /** Overdue issues listed in the 通报; the rest are counted and left to the ledger. */
    static final int OVERDUE_LISTED = 50;
    /** A 共性问题 in the 通报: raised by this many enterprises of one chain or more; the first few listed. */
    static final int COMMON_FROM = 3;
    static final int COMMON_LISTED = 10;

    private final DashboardService dashboard;
    private final AssessmentService assessments;
    private final TypicalCases cases;
    private final MeetingService meetings;
    private final CommonProblems common;
    private final Clock clock;

    public BulletinService(DashboardService dashboard, AssessmentService assessments, TypicalCases cases,
            MeetingService meetings, CommonProblems common, Clock clock) {
        this.dashboard = dashboard;
        this.assessments = assessments;
        this.cases = cases;
        this.meetings = meetings;
        this.common = common;
        this.clock = clock;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** What a 通报 is written from. {@code assessment} is empty when the year has no scheme. */
    record Facts(Period period, PeriodDashboard figures, Optional<Assessment> assessment, Supervision overdue,
            List<TypicalCase> cases, FollowThrough decisions, CommonProblems.Result common, LocalDate today) {
    }

    public Uni<Facts> facts(Period period) {
        return dashboard.period(period).flatMap(figures -> assessments.assessment(period, false)
                .map(Optional::of)
                .onFailure(e -> e instanceof ApiException a && a.code() == ErrorCode.NOT_FOUND)
                .recoverWithItem(Optional.empty())
                .flatMap(assessment -> dashboard.overdueAt(period, OVERDUE_LISTED)
                        .flatMap(overdue -> cases.list(period).flatMap(list -> meetings.followThrough(period)
                                .flatMap(decisions -> common.find(period.firstDay(), min(period.lastDay(), Dates.today(clock)),
                                        CommonProblems.By.CHAIN, COMMON_FROM)
                                        .map(problems -> new Facts(period, figures, assessment, overdue, list, decisions,
                                                problems, Dates.today(clock))))))));
    }

    // ---- the 通报 ----------------------------------------------------------------------------------

    static OfficialDocument bulletin(Facts f) {
        Period p = f.period();
        PeriodDashboard d = f.figures();
        String number = "走访办通〔" + p.year() + "〕" + (p.kind() == Period.Kind.MONTH ? "第" + p.index() + "期"
                : p.label().substring(String.valueOf(p.year()).length() + 1));
        Body body = new Body();
        body.paragraph(overall(d, f.today()));
        body.heading("各挂点帮扶小组工作情况");
        body.paragraph(f.assessment().isPresent()
                ? "按" + f.assessment().get().schemeTitle() + "（第" + f.assessment().get().schemeVersion()
                        + "版）计分排名，有挂点企业的小组参评。" + publication(f.assessment().get())
                : "本年度考核方案尚未制定，各小组按完成走访次数排序。");
        body.table(groupTable(d, f.assessment()));
        body.heading("各责任单位诉求办理情况");
        body.paragraph(f.assessment().isPresent() ? "按考核方案计分排名，统计期内有应答复件次、转办或退回诉求的责任单位参评。"
                : "各责任单位按按期答复率排序。");
        body.table(departmentTable(d, f.assessment()));
        body.heading("红黑榜");
        redAndBlack(body, f.assessment());
        body.heading("典型案例");
        if (f.cases().isEmpty()) {
            body.paragraph("本期未选编典型案例。");
        }
        for (TypicalCase c : f.cases()) {
            body.subheading(c.kindLabel() + "：" + c.enterpriseName() + "“" + c.title() + "”（" + c.ledgerNo() + "）");
            body.paragraph(c.note());
        }
        body.heading("共性问题");
        List<CommonProblems.CommonProblem> shared = f.common().problems();
        if (shared.isEmpty()) {
            body.paragraph("本期没有同一产业链" + COMMON_FROM + "家及以上企业反映的同类问题。");
        } else {
            body.paragraph("同一产业链" + COMMON_FROM + "家及以上企业反映的同类问题如下，请相关责任单位研究政策性解决办法，统一答复。");
        }
        for (CommonProblems.CommonProblem c : shared.subList(0, Math.min(COMMON_LISTED, shared.size()))) {
            body.subheading(c.name() + "：" + c.categoryName() + "，" + c.enterprises() + "家企业反映" + c.issues() + "件（未销号"
                    + c.open() + "件）");
        }
        body.heading("会议决定事项落实情况");
        FollowThrough decided = f.decisions();
        body.paragraph(decided.due() == 0 ? "本期没有到期的会议交办事项。"
                : "本期到期的会议交办事项" + decided.due() + "项，按期落实" + decided.onTime() + "项，落实率" + Texts.percent(decided.rate())
                        + (decided.late().isEmpty() ? "。" : "；未按期落实的如下。"));
        if (!decided.late().isEmpty()) {
            body.table(new Table(null, List.of("台账编号", "决定事项", "承办单位", "办结期限", "当前状态"), List.of(15, 37, 18, 15, 15),
                    decided.late().stream().map(x -> List.of(x.taskLedgerNo(), x.text(), x.departmentName(), x.deadline().toString(),
                            x.taskStatusLabel())).toList()));
        }
        body.heading("超期未办结诉求");
        Supervision o = f.overdue();
        body.paragraph("截至" + Texts.chineseDate(o.today()) + "，超过办理期限仍未答复的诉求共" + o.total() + "件"
                + (o.total() > o.issues().size() ? "，以下列出期限最早的" + o.issues().size() + "件，其余详见台账。" : "。"));
        if (!o.issues().isEmpty()) {
            body.table(new Table(null, List.of("台账编号", "企业", "诉求", "牵头单位", "办理期限", "超期工作日"),
                    List.of(15, 19, 24, 16, 12, 14), o.issues().stream().map(BulletinService::overdueRow).toList()));
        }
        body.heading("工作要求");
        body.subheading("各挂点帮扶小组要按照走访周期对挂点企业应走尽走，走访时使用企业走访确认码，如实登记企业诉求。");
        body.subheading("各责任单位要对超期诉求逐件分析原因、明确时限，按期答复企业；确需延期的，及时申请延期。");
        body.subheading("领导小组办公室将跟踪本通报事项的落实情况，对连续两期列入黑榜的单位进行约谈。");
        return new OfficialDocument(OFFICE, number, "关于" + p.label() + "企业大走访和挂点帮扶工作情况的通报",
                "各挂点帮扶小组，各责任单位，企情收处中心：", body.blocks(), OFFICE, f.today());
    }

    private static String publication(Assessment a) {
        return a.status() == AssessmentDtos.Status.PUBLISHED ? "考核结果已于" + Texts.chineseDate(Dates.dayOf(a.publishedAt())) + "发布。"
                : "考核结果尚未发布，以下得分按当前数据计算。";
    }

    static String overall(PeriodDashboard d, LocalDate today) {
        Figures z = d.zone().current();
        String cut = d.complete() ? d.label() : d.label() + "（截至" + Texts.chineseDate(Dates.dayOf(d.asOf())) + "）";
        return cut + "，全区各挂点帮扶小组完成走访" + z.visitsCompleted() + "次（其中回访" + z.visitsFollowUp()
                + "次），走访挂点企业" + z.enterprisesVisited() + "家，占挂点企业" + z.enterprisesAssigned() + "家的"
                + Texts.percent(z.coverageRate()) + "；企业扫码确认走访" + z.visitsConfirmed() + "次。新登记企业诉求"
                + z.issuesRegistered() + "件，其中走访发现" + z.registeredFromVisits() + "件；办结销号"
                + (z.closedResolved() + z.closedExplained()) + "件；应答复" + z.answersDue() + "件次，按期答复率"
                + Texts.percent(z.onTimeRate()) + "；企业评价" + z.ratings() + "次，满意率" + Texts.percent(z.satisfiedShare())
                + "。统计期末未销号诉求" + z.openAtMonthEnd() + "件，其中超期" + z.overdueAtMonthEnd() + "件。";
    }

    /** The groups ranked by the assessment, or by completed visits when the year has no scheme. */
    static Table groupTable(PeriodDashboard d, Optional<Assessment> a) {
        Map<String, Line> byKey = d.groups().stream().collect(Collectors.toMap(Line::key, Function.identity()));
        List<List<String>> rows = new ArrayList<>();
        for (Ranked r : ranked(a.map(Assessment::groups), d.groups().stream()
                .filter(l -> Scoring.GROUP_TAKES_PART.test(l.current())).toList(), Figures::visitsCompleted)) {
            Figures f = byKey.get(r.key()).current();
            rows.add(List.of(r.rank(), r.name(), String.valueOf(f.visitsCompleted()), Texts.percent(f.coverageRate()),
                    Texts.percent(f.confirmedShare()), String.valueOf(f.issuesRegistered()),
                    String.valueOf(f.overdueAtMonthEnd()), r.total()));
        }
        return new Table(null, List.of("名次", "帮扶小组", "完成走访", "覆盖率", "企业确认", "新登记诉求", "期末超期", "得分"),
                List.of(8, 22, 12, 11, 12, 14, 12, 9), rows);
    }

    static Table departmentTable(PeriodDashboard d, Optional<Assessment> a) {
        Map<String, Line> byKey = d.departments().stream().collect(Collectors.toMap(Line::key, Function.identity()));
        List<List<String>> rows = new ArrayList<>();
        for (Ranked r : ranked(a.map(Assessment::departments), d.departments().stream()
                .filter(l -> Scoring.DEPARTMENT_TAKES_PART.test(l.current())).toList(), f -> f.onTimeRate() == null ? -1 : f.onTimeRate())) {
            Figures f = byKey.get(r.key()).current();
            rows.add(List.of(r.rank(), r.name(), String.valueOf(f.answersDue()), Texts.percent(f.onTimeRate()),
                    Texts.percent(f.satisfiedShare()), String.valueOf(f.returns()), String.valueOf(f.issuesSupervised()),
                    r.total()));
        }
        return new Table(null, List.of("名次", "责任单位", "应答复", "按期答复率", "满意率", "退回", "督办", "得分"),
                List.of(8, 26, 11, 15, 12, 9, 9, 10), rows);
    }

    private record Ranked(String key, String name, String rank, String total) {
    }

    /** The assessment's order, or without one the figure's, highest first, ties sharing a rank. */
    private static List<Ranked> ranked(Optional<List<Standing>> standings, List<Line> lines,
            Function<Figures, Number> fallback) {
        if (standings.isPresent()) {
            return standings.get().stream().map(s -> new Ranked(s.key(), s.name(),
                    s.rank() == null ? "—" : String.valueOf(s.rank()), Texts.number(s.total()))).toList();
        }
        List<Line> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparing((Line l) -> fallback.apply(l.current()).doubleValue()).reversed()
                .thenComparing(Line::name));
        List<Ranked> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            double v = fallback.apply(sorted.get(i).current()).doubleValue();
            String rank = i > 0 && v == fallback.apply(sorted.get(i - 1).current()).doubleValue() ? out.get(i - 1).rank()
                    : String.valueOf(i + 1);
            out.add(new Ranked(sorted.get(i).key(), sorted.get(i).name(), rank, "—"));
        }
        return out;
    }

    private static void redAndBlack(Body body, Optional<Assessment> a) {
        if (a.isEmpty()) {
            body.paragraph("本年度考核方案尚未制定，本期不列红黑榜。");
            return;
        }
        body.paragraph("考核得分" + Texts.number(RED_LIST_FROM) + "分及以上且排名前三的单位列入红榜，予以通报表扬；得分低于"
                + Texts.number(BLACK_LIST_BELOW) + "分的单位列入黑榜，限期整改。");
        List<Standing> all = new ArrayList<>(a.get().groups());
        all.addAll(a.get().departments());
        String red = all.stream().filter(s -> s.rank() != null && s.rank() <= 3 && s.total() >= RED_LIST_FROM)
                .map(s -> s.name() + "（" + Texts.number(s.total()) + "分）").collect(Collectors.joining("、"));
        String black = all.stream().filter(s -> s.total() != null && s.total() < BLACK_LIST_BELOW)
                .sorted(Comparator.comparing(Standing::total))
                .map(s -> s.name() + "（" + Texts.number(s.total()) + "分）").collect(Collectors.joining("、"));
        body.paragraph("红榜：" + (red.isEmpty() ? "无。" : red + "。"));
        body.paragraph("黑榜：" + (black.isEmpty() ? "无。" : black + "。"));
    }

    private static List<String> overdueRow(OverdueIssue o) {
        return List.of(o.ledgerNo(), o.enterpriseName(), o.title(), o.departmentName() == null ? "—" : o.departmentName(),
                o.dueDate().toString(), String.valueOf(o.workingDaysOverdue()));
    }

    // ---- the briefing ------------------------------------------------------------------------------

    /** 汇报材料 for the leaders: the period against the one before, the problems, what comes next. */
    static OfficialDocument briefing(Facts f) {
        PeriodDashboard d = f.figures();
        Figures now = d.zone().current();
        Figures before = d.zone().previous();
        Body body = new Body();
        body.heading("工作开展情况");
        body.paragraph(overall(d, f.today()));
        body.paragraph("与上一统计期相比，完成走访" + change(now.visitsCompleted(), before.visitsCompleted(), "次")
                + "，新登记诉求" + change(now.issuesRegistered(), before.issuesRegistered(), "件") + "，办结销号"
                + change(now.closedResolved() + now.closedExplained(), before.closedResolved() + before.closedExplained(), "件")
                + "；按期答复率由" + Texts.percent(before.onTimeRate()) + "变为" + Texts.percent(now.onTimeRate()) + "。");
        if (f.assessment().isPresent()) {
            Assessment a = f.assessment().get();
            body.paragraph("按考核方案，小组得分第一的是" + first(a.groups()) + "，责任单位得分第一的是" + first(a.departments()) + "。");
        }
        body.heading("存在的问题");
        List<Line> slow = d.departments().stream().filter(l -> l.current().overdueAtMonthEnd() > 0)
                .sorted(Comparator.comparing((Line l) -> l.current().overdueAtMonthEnd()).reversed()).limit(5).toList();
        body.paragraph(slow.isEmpty() ? "统计期末没有超期未答复的诉求。"
                : "部分诉求办理超期：统计期末超期诉求较多的有" + slow.stream()
                        .map(l -> l.name() + l.current().overdueAtMonthEnd() + "件").collect(Collectors.joining("、")) + "。");
        long idle = d.groups().stream().filter(l -> l.current().enterprisesAssigned() > 0
                && l.current().coverageRate() != null && l.current().coverageRate() < 0.5).count();
        body.paragraph(idle == 0 ? "各小组走访覆盖率均在50%以上。" : "有" + idle + "个小组走访覆盖率低于50%，走访频次有待提高。");
        body.heading("下一步工作打算");
        body.paragraph("一是压实走访责任，按服务层级的走访周期推动应走尽走；二是对超期诉求逐件督办，必要时提请专题会议研究；"
                + "三是用好考核结果，对先进单位通报表扬，对落后单位约谈督促。");
        return new OfficialDocument(null, null, f.period().label() + "企业大走访和挂点帮扶工作情况汇报", null, body.blocks(),
                OFFICE, f.today());
    }

    private static String first(List<Standing> standings) {
        return standings.stream().filter(s -> Integer.valueOf(1).equals(s.rank())).map(Standing::name).findFirst()
                .orElse("（无参评单位）");
    }

    private static String change(long now, long before, String unit) {
        if (now == before) {
            return now + unit + "，持平";
        }
        return now + unit + "，" + (now > before ? "增加" + (now - before) : "减少" + (before - now)) + unit;
    }
}
