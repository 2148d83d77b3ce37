package cn.zoufang.ledger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.Assignment;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.directory.EnterpriseService;
import cn.zoufang.directory.ServiceTierRule;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.kernel.Dates;
import cn.zoufang.kernel.YearlySerials;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueDtos.NewIssue;
import cn.zoufang.visit.VisitService;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** 登记: a new issue in the ledger, from an enterprise, the desk, or a visit; a retried register makes none. */
@ApplicationScoped
@WithSession
public class IssueRegistration {

    private final EnterpriseService enterprises;
    private final VisitService visits;
    private final IssueSteps steps;
    private final IssueViews views;
    private final AuditLog audit;
    private final YearlySerials serials;
    private final Clock clock;

    public IssueRegistration(EnterpriseService enterprises, VisitService visits, IssueSteps steps, IssueViews views,
            AuditLog audit, YearlySerials serials, Clock clock) {
        this.serials = serials;
        this.enterprises = enterprises;
        this.visits = visits;
        this.steps = steps;
        this.views = views;
        this.audit = audit;
        this.clock = clock;
    }

    public record Created(IssueView view, boolean isNew) {
    }

    @WithTransaction
    public Uni<Created> register(Caller caller, NewIssue in) {
        // Urgency shortens the department's deadline: the desk and the officials judge it, not the enterprise.
        if (Boolean.TRUE.equals(in.urgent()) && IssueViews.isEnterpriseView(caller)) {
            throw ApiException.invalidField("urgent", FieldCode.INVALID, "加急由企情收处中心或挂点干部判断，企业不能自行标记");
        }
        return Issue.<Issue>findById(in.id()).flatMap(existing -> {
            if (existing != null) {
                if (!existing.registeredBy.equals(caller.id()) || !existing.title.equals(in.title().trim())
                        || !existing.enterpriseId.equals(in.enterpriseId())) {
                    throw new ApiException(ErrorCode.CONFLICT, "该诉求 id 已用于另一条诉求");
                }
                return views.view(caller, existing).map(v -> new Created(v, false));
            }
            return enterprises.findVisible(caller, in.enterpriseId())
                    .flatMap(e -> IssueCategory.<IssueCategory>findById(in.category()).flatMap(category -> {
                        if (category == null || category.retired) {
                            throw ApiException.invalidField("category", FieldCode.INVALID,
                                    category == null ? "没有这个诉求类别" : "该诉求类别已停用，请选择其他类别");
                        }
                        return sourceOf(caller, e, in.visitId());
                    }).flatMap(source -> urgency(e, in.urgent()).map(urgent -> new Origin(source, urgent))))
                    .flatMap(origin -> create(caller, in.id(), in.enterpriseId(), origin.source(),
                            origin.source() == IssueSource.VISIT ? in.visitId() : null, null, in.category(),
                            origin.urgent(), in.title(), in.description()))
                    .flatMap(issue -> views.view(caller, issue))
                    .map(v -> new Created(v, true));
        });
    }

    /**
     * A problem a key project's monthly report raised, registered by the department reporting it: an issue
     * of the project's enterprise (source PROJECT, linked to the project), urgent as the enterprise's tier
     * says, waiting for the desk like any other. The caller checks the category; runs in its transaction.
     */
    public Uni<Issue> registerProblem(Caller caller, Enterprise e, UUID projectId, UUID reportId, String category,
            String title, String description) {
        return urgency(e, null).flatMap(urgent -> create(caller, UUID.randomUUID(), e.id, IssueSource.PROJECT, null,
                projectId, category, urgent, title, description))
                .invoke(issue -> issue.projectReportId = reportId);
    }

    /**
     * A meeting's decision as a ledger item of the enterprise the decided issue concerns (source DECISION), in
     * the decided issue's category; the caller forwards it with the decision's deadline in the same transaction.
     */
    public Uni<Issue> registerDecision(Caller caller, UUID enterpriseId, String category, String title, String description) {
        return Enterprise.<Enterprise>findById(enterpriseId).flatMap(e -> urgency(e, null))
                .flatMap(urgent -> create(caller, UUID.randomUUID(), enterpriseId, IssueSource.DECISION, null, null,
                        category, urgent, title, description));
    }

    private Uni<Issue> create(Caller caller, UUID id, UUID enterpriseId, IssueSource source, UUID visitId,
            UUID projectId, String category, boolean urgent, String title, String description) {
        return assignedGroup(enterpriseId).flatMap(groupId -> nextLedgerNo().flatMap(no -> {
            OffsetDateTime now = Dates.now(clock);
            Issue issue = new Issue();
            issue.id = id;
            issue.ledgerNo = no;
            issue.enterpriseId = enterpriseId;
            issue.source = source;
            issue.visitId = visitId;
            issue.projectId = projectId;
            issue.categoryCode = category;
            issue.urgent = urgent;
            issue.title = title.trim();
            issue.description = description.trim();
            issue.status = IssueStatus.REGISTERED;
            issue.registeredBy = caller.id();
            issue.groupId = groupId;
            issue.createdAt = now;
            issue.updatedAt = now;
            return issue.persist()
                    .chain(() -> steps.newEvent(caller, issue, IssueAction.REGISTER, null, issue.description, false).persist())
                    .chain(() -> audit.record(Entry.by(caller, "ISSUE_REGISTER", "ISSUE", issue.id).detail(issue.ledgerNo)))
                    .replaceWith(issue);
        }));
    }

    private record Origin(IssueSource source, boolean urgent) {
    }

    /** As asked, or the default of the enterprise's 店小二 tier. */
    private static Uni<Boolean> urgency(Enterprise e, Boolean asked) {
        return asked != null ? Uni.createFrom().item(asked)
                : ServiceTierRule.<ServiceTierRule>findById(e.serviceTier).map(rule -> rule.urgentByDefault);
    }

    /** The group assigned the enterprise today, if any: the issue counts for it in monthly reports. */
    private Uni<UUID> assignedGroup(UUID enterpriseId) {
        return Assignment.<Assignment>find("enterpriseId = ?1 and startDate <= ?2 and (endDate is null or endDate >= ?2)",
                enterpriseId, Dates.today(clock)).firstResult().map(a -> a == null ? null : a.groupId);
    }

    /** Where the issue comes from follows who registers it: the enterprise, the desk, or a visit. */
    private Uni<IssueSource> sourceOf(Caller caller, Enterprise e, UUID visitId) {
        if (caller.hasAny(Role.ENTERPRISE_CONTACT)) {
            return Uni.createFrom().item(IssueSource.ENTERPRISE);
        }
        if (caller.hasAny(Role.ENTERPRISE_DESK)) {
            return Uni.createFrom().item(IssueSource.DESK);
        }
        if (visitId == null) {
            return Uni.createFrom().item(IssueSource.VISIT);
        }
        // Only a visit the caller may see: another group's visit is as unknown here as anywhere.
        ApiException unknownVisit = ApiException.invalidField("visitId", FieldCode.INVALID, "走访记录不存在或不是对该企业的走访");
        return visits.findVisible(caller, visitId)
                .onFailure(f -> f instanceof ApiException a && a.code() == ErrorCode.NOT_FOUND).transform(f -> unknownVisit)
                .map(v -> {
                    if (!v.enterpriseId.equals(e.id)) {
                        throw unknownVisit;
                    }
                    return IssueSource.VISIT;
                });
    }

    /** 2026-000123: a per-year counter incremented atomically in the database, safe across replicas. */
    private Uni<String> nextLedgerNo() {
        int year = Dates.today(clock).getYear();
        return serials.next("LEDGER", year).map(n -> String.format("%d-%06d", year, n));
    }
}
