package cn.zoufang.enterprisefile;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import cn.zoufang.directory.EnterpriseDtos.EnterpriseView;
import cn.zoufang.directory.ServiceTier;
import cn.zoufang.directory.GroupDtos.AssignmentView;
import cn.zoufang.indicator.IndicatorDtos.EnterpriseIndicators;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueStatus;
import cn.zoufang.visit.VisitDtos.VisitView;

/** 一企一档: one enterprise on one page, each part as the caller may see it. */
public final class EnterpriseFileDtos {

    private EnterpriseFileDtos() {
    }

    public record StatusCount(IssueStatus status, String label, long count) {
    }

    /** A month's ratings: of the issues closed out in it, and of its visits (null for whoever may not read those). */
    public record MonthRatings(String month, int issueRatings, Double issueAverage, Integer visitRatings, Double visitAverage) {
    }

    public record EnterpriseFile(EnterpriseView enterprise, List<AssignmentView> assignments, List<VisitView> visits,
            boolean moreVisits, List<IssueView> openIssues, boolean moreOpenIssues, List<StatusCount> issuesByStatus,
            List<MonthRatings> ratings, EnterpriseIndicators indicators, Disturbance disturbance, OffsetDateTime asOf) {
    }

    /** How often the government came since {@code since}: visits, the desk's contacts, surveys answered. */
    public record Disturbance(UUID enterpriseId, String name, String town, OffsetDateTime since, long visits,
            long deskContacts, long surveys, long total) {
    }

    /** An above-scale or key enterprise no group covers today. */
    public record Uncovered(UUID id, String name, String town, String industryChainLabel, List<String> scaleCategoryLabels,
            ServiceTier serviceTier, String serviceTierLabel) {
    }

    /** An assigned enterprise whose last completed visit is older than the window (or none: {@code lastVisitAt} null). */
    public record Idle(UUID id, String name, String town, UUID groupId, String groupName, OffsetDateTime lastVisitAt) {
    }

    public record Coverage(OffsetDateTime asOf, int idleMonths, List<Uncovered> uncovered, boolean moreUncovered,
            List<Idle> idle, boolean moreIdle, List<Disturbance> mostVisited) {
    }
}
