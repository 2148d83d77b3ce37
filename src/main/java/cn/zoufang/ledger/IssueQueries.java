package cn.zoufang.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.directory.Assignment;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Scope;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueDtos.TimelineEntry;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/** The ledger as callers find it: one issue in scope, pages under every filter, the Excel export, a timeline. */
@ApplicationScoped
@WithSession
public class IssueQueries {

    private final Scope scope;
    private final IssueViews views;
    private final WorkCalendar calendar;
    private final AuditLog audit;
    private final Vertx vertx;
    private final Clock clock;

    public IssueQueries(Scope scope, IssueViews views, WorkCalendar calendar, AuditLog audit, Vertx vertx, Clock clock) {
        this.scope = scope;
        this.views = views;
        this.calendar = calendar;
        this.audit = audit;
        this.vertx = vertx;
        this.clock = clock;
    }

    public record Filter(IssueStatus status, Stage stage, UUID enterpriseId, UUID groupId, UUID departmentId,
            String category, IssueSource source, LocalDate from, LocalDate to, Boolean extensionPending, Boolean open) {
    }

    public Uni<Issue> findVisible(Caller caller, UUID id) {
        Scope.Clause visible = scope.issues(caller, "i");
        Map<String, Object> params = visible.into(new HashMap<>());
        params.put("id", id);
        return Issue.<Issue>find("from Issue i where i.id = :id and " + visible.hql(), params).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("诉求"));
    }

    public Uni<IssueView> get(Caller caller, UUID id) {
        return findVisible(caller, id).flatMap(i -> views.view(caller, i));
    }

    public Uni<Page<IssueView>> list(Caller caller, Filter f, String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 2);
        StringBuilder hql = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        where(caller, f, hql, params);
        if (cursor != null) {
            hql.append(" and (i.createdAt < :afterAt or (i.createdAt = :afterAt and i.id < :afterId))");
            params.put("afterAt", cursor.time(0));
            params.put("afterId", cursor.uuid(1));
        }
        hql.append(" order by i.createdAt desc, i.id desc");
        // The page's ids in a subquery, then their rows: for an official's ledger the ids come from the
        // (enterprise, created, id) index alone, instead of reading every issue of the group's enterprises to
        // sort them. limit is a validated int, so it can be written into the query.
        return Issue.<Issue>find("select o from Issue o where o.id in (select i.id " + hql + " limit " + (limit + 1)
                + ") order by o.createdAt desc, o.id desc", params).list()
                .flatMap(rows -> views.views(caller, rows.subList(0, Math.min(limit, rows.size())))
                        .map(views -> {
                            Map<UUID, IssueView> byId = views.stream().collect(Collectors.toMap(IssueView::id, v -> v));
                            return Page.of(rows, limit, i -> byId.get(i.id),
                                    i -> Cursor.of(i.createdAt.toString(), i.id.toString()));
                        }));
    }

    /** The ledger query for a caller and a filter: scope first, then every filter given. */
    private void where(Caller caller, Filter f, StringBuilder hql, Map<String, Object> params) {
        Scope.Clause visible = scope.issues(caller, "i");
        hql.append("from Issue i where ").append(visible.hql());
        visible.into(params);
        if (f.status() != null) {
            // The enterprise filters by the states it is shown: an answer under review is "in progress" to it.
            Set<IssueStatus> states = IssueViews.isEnterpriseView(caller) ? IssueWorkflow.shownToEnterpriseAs(f.status())
                    : Set.of(f.status());
            hql.append(states.isEmpty() ? " and 1 = 0" : " and i.status in (:status)");
            if (!states.isEmpty()) {
                params.put("status", states);
            }
        }
        if (f.stage() != null) {
            stageCondition(f.stage(), hql, params);
        }
        if (f.enterpriseId() != null) {
            hql.append(" and i.enterpriseId = :enterpriseId");
            params.put("enterpriseId", f.enterpriseId());
        }
        if (f.groupId() != null) {
            // The group's enterprises as assigned today.
            hql.append(" and i.enterpriseId in (").append(Assignment.ENTERPRISES_OF_GROUP).append(")");
            Assignment.ofGroup(params, f.groupId(), Dates.today(clock));
        }
        if (f.departmentId() != null) {
            hql.append(" and (i.leadDepartmentId = :departmentId or i.id in (select x.issueId from IssueAssist x"
                    + " where x.departmentId = :departmentId))");
            params.put("departmentId", f.departmentId());
        }
        if (f.category() != null) {
            hql.append(" and i.categoryCode = :category");
            params.put("category", f.category());
        }
        if (f.source() != null) {
            hql.append(" and i.source = :source");
            params.put("source", f.source());
        }
        if (f.extensionPending() != null) {
            // What the office has to decide: an extension the lead department asked for.
            hql.append(f.extensionPending() ? " and i.extensionRequestedDays is not null" : " and i.extensionRequestedDays is null");
        }
        if (f.open() != null) {
            // Open: not closed out yet, whatever it waits for.
            hql.append(f.open() ? " and i.status <> :closed" : " and i.status = :closed");
            params.put("closed", IssueStatus.CLOSED);
        }
        if (f.from() != null) {
            hql.append(" and i.createdAt >= :from");
            params.put("from", f.from().atStartOfDay(Dates.ZONE).toOffsetDateTime());
        }
        if (f.to() != null) {
            hql.append(" and i.createdAt < :to");
            params.put("to", f.to().plusDays(1).atStartOfDay(Dates.ZONE).toOffsetDateTime());
        }
    }

    /** How many of an enterprise's issues the caller sees in each state (as the enterprise is shown them). */
    public Uni<Map<IssueStatus, Long>> countsByStatus(Caller caller, UUID enterpriseId) {
        Scope.Clause visible = scope.issues(caller, "i");
        Map<String, Object> params = visible.into(new HashMap<>());
        params.put("enterpriseId", enterpriseId);
        boolean enterprise = IssueViews.isEnterpriseView(caller);
        return Issue.getSession().flatMap(session -> {
            var query = session.createSelectionQuery("select i.status, count(i) from Issue i"
                    + " where i.enterpriseId = :enterpriseId and " + visible.hql() + " group by i.status", Object[].class);
            params.forEach(query::setParameter);
            return query.getResultList();
        })
                .map(rows -> rows.stream().collect(Collectors.toMap(
                        r -> enterprise ? IssueWorkflow.seenByEnterprise((IssueStatus) r[0]) : (IssueStatus) r[0],
                        r -> (Long) r[1], Long::sum, () -> new EnumMap<>(IssueStatus.class))));
    }

    /** The ratings the enterprise gave its closed-out issues since a day: when, and the score (1–5). */
    public Uni<List<Object[]>> ratingsSince(UUID enterpriseId, OffsetDateTime since) {
        return Issue.getSession().flatMap(session -> session.createSelectionQuery("select i.closedAt, i.rating from Issue i"
                + " where i.enterpriseId = :id and i.rating is not null and i.closedAt >= :since", Object[].class)
                .setParameter("id", enterpriseId).setParameter("since", since).getResultList());
    }

    /** The filtered ledger (newest first, at most {@link LedgerWorkbook#MAX_ROWS}) as an XLSX workbook. */
    public Uni<byte[]> export(Caller caller, Filter f) {
        StringBuilder hql = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        where(caller, f, hql, params);
        hql.append(" order by i.createdAt desc, i.id desc");
        return Issue.<Issue>find(hql.toString(), params).range(0, LedgerWorkbook.MAX_ROWS - 1).list()
                .call(rows -> audit.personalDataRead(caller, "LEDGER_EXPORT", "ISSUE", null, rows.size() + " 条诉求：" + f))
                .flatMap(rows -> views.views(caller, rows))
                .flatMap(views -> vertx.executeBlocking(Uni.createFrom().item(() -> LedgerWorkbook.write(views))));
    }

    /** A stage as a range of due dates for today (Deadlines), so the database filters and pages. */
    private void stageCondition(Stage stage, StringBuilder hql, Map<String, Object> params) {
        WorkingDays.StageBounds b = calendar.bounds(Dates.today(clock));
        hql.append(" and ").append(Deadlines.stageHql(stage, "i"));
        params.put("running", Deadlines.RUNNING);
        Map<String, Object> bounds = Map.of("today", b.today(), "supervise", b.supervise(), "horizon", b.horizon());
        Deadlines.parameters(stage).forEach(name -> params.put(name, bounds.get(name)));
    }

    /** The history; the enterprise sees every step that concerns it, but not internal notes or who handled it. */
    public Uni<List<TimelineEntry>> timeline(Caller caller, UUID id) {
        return findVisible(caller, id).flatMap(i -> views.timelines(caller, List.of(i.id))).map(all -> all.get(id));
    }

}
