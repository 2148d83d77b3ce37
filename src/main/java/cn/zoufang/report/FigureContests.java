package cn.zoufang.report;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.GroupMember;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.identity.Scope;
import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.NotificationType;
import cn.zoufang.notify.Notifier;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A group (its leader or officials) or a department (its handlers) contests one of its own figures of a closed
 * period with a reason; the office upholds or rejects it with a reason. Both stay on record. A decision does
 * not change kept figures or a published score: a figure found wrong is corrected at its source and shows in
 * later periods and drafts.
 */
@ApplicationScoped
@WithSession
public class FigureContests {

    public record ContestInput(@NotBlank(message = "请填写统计期") String period,
            @NotBlank(message = "请选择指标") @Size(max = 40, message = "指标不存在") String metric,
            @NotNull(message = "请选择小组或责任单位") Dimension dimension,
            @NotNull(message = "请选择小组或责任单位") UUID unitId,
            @NotBlank(message = "请填写异议理由") @Size(max = 1000, message = "异议理由不能超过 1000 字") String reason) {
    }

    public record DecisionInput(@NotNull(message = "请选择异议是否成立") Boolean upheld,
            @NotBlank(message = "请填写决定理由") @Size(max = 1000, message = "决定理由不能超过 1000 字") String decision) {
    }

    public record ContestView(UUID id, String period, String metric, String metricName, Dimension dimension, UUID unitId,
            String unitName, String figure, String reason, FigureContest.Status status, String statusLabel, String decision,
            OffsetDateTime raisedAt, OffsetDateTime decidedAt, long version) {
    }

    private final Metrics metrics;
    private final MetricDictionary dictionary;
    private final Scope scope;
    private final AuditLog audit;
    private final Notifier notifier;
    private final Clock clock;

    public FigureContests(Metrics metrics, MetricDictionary dictionary, Scope scope, AuditLog audit, Notifier notifier,
            Clock clock) {
        this.scope = scope;
        this.notifier = notifier;
        this.metrics = metrics;
        this.dictionary = dictionary;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ContestView> raise(Caller caller, ContestInput in) {
        if (in.dimension() != Dimension.GROUP && in.dimension() != Dimension.DEPARTMENT) {
            throw ApiException.invalidField("dimension", FieldCode.INVALID, "只能对小组或责任单位的指标提出异议");
        }
        // In scope first (another group's figure looks like a missing one), then what is asked.
        return own(caller, in.dimension(), in.unitId()).chain(() -> {
            Period period = Period.parse("period", in.period());
            MetricDictionary.Metric metric = metric(in.metric().trim(), in.dimension());
            if (Dates.now(clock).isBefore(period.end())) {
                throw new ApiException(ErrorCode.INVALID_STATE, period.label() + "尚未结束，其指标还会变化，结束后再提出异议");
            }
            return metrics.period(period).flatMap(figures -> record(caller, in, period, metric, figures));
        });
    }

    /** The contest, with the figure as it stands recorded; the office is told. */
    private Uni<ContestView> record(Caller caller, ContestInput in, Period period, MetricDictionary.Metric metric,
            PeriodFigures figures) {
        List<PeriodFigures.Row> rows = in.dimension() == Dimension.GROUP ? figures.groups() : figures.departments();
        Number value = rows.stream().filter(r -> r.key().equals(in.unitId().toString())).findFirst()
                .map(r -> r.figures().value(metric.key())).orElse(null);
        FigureContest c = new FigureContest();
        c.id = UUID.randomUUID();
        c.period = period.toString();
        c.metric = metric.key();
        c.dimension = in.dimension();
        c.unitId = in.unitId();
        c.figure = value == null ? null : value.toString();
        c.reason = in.reason().trim();
        c.status = FigureContest.Status.OPEN;
        c.raisedBy = caller.id();
        c.raisedAt = Dates.now(clock);
        return c.persist().chain(() -> Panache.flush())
                .chain(() -> audit.record(Entry.by(caller, "FIGURE_CONTEST", "FIGURE_CONTEST", c.id)
                        .detail(c.period + " " + metric.name() + "：" + c.reason)))
                // The office decides: each of its accounts is told (not the raiser, who acted).
                .chain(() -> notifier.withRole(Role.OFFICE))
                .chain(office -> notifier.notify(office.stream().filter(a -> !a.equals(caller.id())).toList(),
                        NotificationType.FIGURE_CONTEST_RAISED, c.id, false))
                .chain(() -> views(List.of(c))).map(v -> v.get(0));
    }

    private MetricDictionary.Metric metric(String key, Dimension dimension) {
        MetricDictionary.Metric metric = dictionary.metric(key)
                .orElseThrow(() -> ApiException.invalidField("metric", FieldCode.INVALID, "指标不存在"));
        if (!metric.dimensions().contains(dimension)) {
            throw ApiException.invalidField("metric", FieldCode.INVALID, metric.name() + "不按" + dimension.label() + "统计");
        }
        return metric;
    }

    @WithTransaction
    public Uni<ContestView> decide(Caller caller, UUID id, String ifMatch, DecisionInput in) {
        return FigureContest.<FigureContest>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("指标异议"))
                .flatMap(c -> {
                    Preconditions.requireMatch(ifMatch, c.version);
                    if (c.status != FigureContest.Status.OPEN) {
                        throw new ApiException(ErrorCode.INVALID_STATE, "该异议已于 " + Dates.dayOf(c.decidedAt) + " 作出决定");
                    }
                    c.status = in.upheld() ? FigureContest.Status.UPHELD : FigureContest.Status.REJECTED;
                    c.decision = in.decision().trim();
                    c.decidedBy = caller.id();
                    c.decidedAt = Dates.now(clock);
                    return Panache.flush()
                            .chain(() -> audit.record(Entry.by(caller, "FIGURE_CONTEST_DECIDE", "FIGURE_CONTEST", c.id)
                                    .detail(c.status.label() + "：" + c.decision)))
                            .chain(() -> notifier.notify(List.of(c.raisedBy), NotificationType.FIGURE_CONTEST_DECIDED, c.id, false))
                            .chain(() -> views(List.of(c))).map(v -> v.get(0));
                });
    }

    /** Who sees which contest is {@link Scope#figureContests}'s. */
    public Uni<List<ContestView>> list(Caller caller, String period, FigureContest.Status status) {
        String p = period == null || period.isBlank() ? null : Period.parse("period", period).toString();
        Scope.Clause visible = scope.figureContests(caller, "c");
        Map<String, Object> params = visible.into(new HashMap<>());
        StringBuilder hql = new StringBuilder("from FigureContest c where " + visible.hql());
        if (p != null) {
            hql.append(" and c.period = :period");
            params.put("period", p);
        }
        if (status != null) {
            hql.append(" and c.status = :status");
            params.put("status", status);
        }
        return FigureContest.<FigureContest>find(hql + " order by c.raisedAt desc", params).range(0, 499).list()
                .flatMap(this::views);
    }

    public Uni<ContestView> get(Caller caller, UUID id) {
        Scope.Clause visible = scope.figureContests(caller, "c");
        Map<String, Object> params = visible.into(new HashMap<>());
        params.put("id", id);
        return FigureContest.<FigureContest>find("from FigureContest c where c.id = :id and " + visible.hql(), params)
                .firstResult().onItem().ifNull().failWith(() -> ApiException.notFound("指标异议"))
                .flatMap(c -> views(List.of(c))).map(v -> v.get(0));
    }

    /**
     * May raise a contest of this unit's figures: of the group (its leader or an official in it), or a handler of
     * the department; else 404, as for a unit that is not there.
     */
    private Uni<Void> own(Caller caller, Dimension dimension, UUID unitId) {
        if (dimension == Dimension.GROUP && caller.hasAny(Role.GROUP_LEADER, Role.OFFICIAL)) {
            return GroupMember.count("groupId = ?1 and accountId = ?2", unitId, caller.id()).map(n -> {
                if (n == 0) {
                    throw ApiException.notFound("帮扶小组");
                }
                return null;
            });
        }
        if (dimension == Dimension.DEPARTMENT && caller.hasAny(Role.DEPARTMENT_HANDLER)) {
            return Account.<Account>findById(caller.id()).map(a -> {
                if (a == null || !unitId.equals(a.departmentId)) {
                    throw ApiException.notFound("责任单位");
                }
                return null;
            });
        }
        throw ApiException.notFound(dimension.label());
    }

    /** The contests as answered, their units' names read in one query for all of them. */
    private Uni<List<ContestView>> views(List<FigureContest> contests) {
        if (contests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> units = contests.stream().map(c -> c.unitId).distinct().toList();
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select id, name from assistance_group where id in (:ids)
                union all select id, name from department where id in (:ids)""", Object[].class)
                .setParameter("ids", units).getResultList())
                .map(rows -> {
                    Map<Object, String> names = new HashMap<>();
                    rows.forEach(r -> names.put(r[0], (String) r[1]));
                    return contests.stream().map(c -> new ContestView(c.id, c.period, c.metric, dictionary.name(c.metric),
                            c.dimension, c.unitId, names.get(c.unitId), c.figure, c.reason, c.status, c.status.label(),
                            c.decision, Dates.inChina(c.raisedAt), Dates.inChina(c.decidedAt), c.version)).toList();
                });
    }
}
