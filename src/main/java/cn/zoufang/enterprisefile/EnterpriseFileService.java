package cn.zoufang.enterprisefile;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.directory.EnterpriseDtos.EnterpriseView;
import cn.zoufang.directory.EnterpriseService;
import cn.zoufang.directory.GroupDtos.AssignmentView;
import cn.zoufang.directory.GroupService;
import cn.zoufang.enterprisefile.EnterpriseFileDtos.Disturbance;
import cn.zoufang.enterprisefile.EnterpriseFileDtos.EnterpriseFile;
import cn.zoufang.enterprisefile.EnterpriseFileDtos.MonthRatings;
import cn.zoufang.enterprisefile.EnterpriseFileDtos.StatusCount;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.indicator.IndicatorDtos.EnterpriseIndicators;
import cn.zoufang.indicator.IndicatorService;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueQueries;
import cn.zoufang.ledger.IssueStatus;
import cn.zoufang.visit.VisitDtos.VisitView;
import cn.zoufang.visit.VisitRatings;
import cn.zoufang.visit.VisitService;
import cn.zoufang.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * 一企一档: an enterprise's file for whoever goes to see it — the enterprise, its assignments, its visits of
 * the last two years, its open issues and all of them by state, its ratings month by month, its figures. Each
 * part comes from the service that owns it, under that service's scope: the file shows no more than the parts'
 * own endpoints would.
 */
@ApplicationScoped
@WithSession
public class EnterpriseFileService {

    static final int VISIT_MONTHS = 24;
    static final int RATING_MONTHS = 12;
    static final int LIMIT = 50;

    private final EnterpriseService enterprises;
    private final GroupService groups;
    private final VisitService visits;
    private final VisitRatings visitRatings;
    private final IssueQueries issues;
    private final IndicatorService indicators;
    private final Disturbances disturbances;
    private final Clock clock;

    public EnterpriseFileService(EnterpriseService enterprises, GroupService groups, VisitService visits,
            VisitRatings visitRatings, IssueQueries issues, IndicatorService indicators, Disturbances disturbances,
            Clock clock) {
        this.disturbances = disturbances;
        this.enterprises = enterprises;
        this.groups = groups;
        this.visits = visits;
        this.visitRatings = visitRatings;
        this.issues = issues;
        this.indicators = indicators;
        this.clock = clock;
    }

    public Uni<EnterpriseFile> file(Caller caller, UUID id) {
        LocalDate today = Dates.today(clock);
        OffsetDateTime asOf = Dates.now(clock);
        YearMonth firstRated = Dates.thisMonth(clock).minusMonths(RATING_MONTHS - 1);
        OffsetDateTime ratedSince = firstRated.atDay(1).atStartOfDay(Dates.ZONE).toOffsetDateTime();
        // One session, one query after another (a reactive session runs one at a time): each part is kept as it
        // arrives, and the file is made of them at the end.
        Parts p = new Parts();
        return enterprises.get(caller, id).invoke(e -> p.enterprise = e)
                .chain(() -> groups.assignmentsOf(caller, id)).invoke(a -> p.assignments = a)
                .chain(() -> visits.list(caller, new VisitService.Filter(false, null, id, null,
                        today.minusMonths(VISIT_MONTHS), today), null, LIMIT)).invoke(v -> p.visits = v)
                .chain(() -> issues.list(caller, new IssueQueries.Filter(null, null, id, null, null, null, null, null, null,
                        null, true), null, LIMIT)).invoke(i -> p.openIssues = i)
                .chain(() -> issues.countsByStatus(caller, id)).invoke(c -> p.counts = c)
                .chain(() -> ratings(caller, id, ratedSince, firstRated)).invoke(r -> p.ratings = r)
                .chain(() -> figures(caller, id)).invoke(f -> p.figures = f)
                .chain(() -> caller.hasAny(Role.OFFICE, Role.ADMIN) ? disturbances.of(id) : Uni.createFrom().<Disturbance>nullItem())
                .invoke(d -> p.disturbance = d)
                .map(x -> new EnterpriseFile(p.enterprise, p.assignments, p.visits.items(), p.visits.nextCursor() != null,
                        p.openIssues.items(), p.openIssues.nextCursor() != null, byStatus(p.counts), p.ratings, p.figures,
                        p.disturbance, asOf));
    }

    /** The file's parts while they are read. */
    private static final class Parts {
        EnterpriseView enterprise;
        List<AssignmentView> assignments;
        Page<VisitView> visits;
        Page<IssueView> openIssues;
        Map<IssueStatus, Long> counts;
        List<MonthRatings> ratings;
        EnterpriseIndicators figures;
        Disturbance disturbance;
    }

    private static List<StatusCount> byStatus(Map<IssueStatus, Long> counts) {
        return counts.entrySet().stream().map(e -> new StatusCount(e.getKey(), e.getKey().label(), e.getValue())).toList();
    }

    /** The figures of the last twelve months, for those who may read them (the desk and departments may not). */
    private Uni<EnterpriseIndicators> figures(Caller caller, UUID id) {
        return IndicatorService.seesFigures(caller) ? indicators.list(caller, id, null, null) : Uni.createFrom().nullItem();
    }

    /**
     * Month by month: the scores of issues closed out in it, and of its visits — the latter only for the office,
     * the admin and the enterprise itself (a group never reads what the enterprise thought of its visits).
     */
    private Uni<List<MonthRatings>> ratings(Caller caller, UUID id, OffsetDateTime since, YearMonth first) {
        boolean readsVisitScores = caller.hasAny(Role.OFFICE, Role.ADMIN, Role.ENTERPRISE_CONTACT);
        boolean readsIssueScores = IndicatorService.seesFigures(caller);
        if (!readsIssueScores) {
            return Uni.createFrom().item(List.of());
        }
        return issues.ratingsSince(id, since).flatMap(issueScores -> (readsVisitScores ? visitRatings.scoresSince(id, since)
                : Uni.createFrom().item(List.<Object[]>of())).map(visitScores -> {
                    Map<YearMonth, int[]> byMonth = new TreeMap<>();
                    for (YearMonth m = first; !m.isAfter(Dates.thisMonth(clock)); m = m.plusMonths(1)) {
                        byMonth.put(m, new int[4]);
                    }
                    add(byMonth, issueScores, 0);
                    add(byMonth, visitScores, 2);
                    List<MonthRatings> out = new ArrayList<>();
                    byMonth.forEach((month, n) -> out.add(new MonthRatings(month.toString(), n[0], average(n[1], n[0]),
                            readsVisitScores ? n[2] : null, readsVisitScores ? average(n[3], n[2]) : null)));
                    return out;
                }));
    }

    /** Counts into {@code n[at]} and sums into {@code n[at + 1]}, by the month (China time) of each (time, score) row. */
    private static void add(Map<YearMonth, int[]> byMonth, List<Object[]> rows, int at) {
        for (Object[] row : rows) {
            int[] n = byMonth.get(YearMonth.from(((OffsetDateTime) row[0]).atZoneSameInstant(Dates.ZONE)));
            if (n != null) {
                n[at]++;
                n[at + 1] += ((Number) row[1]).intValue();
            }
        }
    }

    private static Double average(int sum, int count) {
        return count == 0 ? null : Math.round(sum * 100.0 / count) / 100.0;
    }
}
