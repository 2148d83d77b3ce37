package cn.zoufang.report;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.IssueStatus;
import cn.zoufang.report.DashboardDtos.DrillDown;
import cn.zoufang.report.DashboardDtos.DrillRow;
import cn.zoufang.report.PeriodFigures.Row;
import cn.zoufang.visit.VisitKind;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Figures that open to their sources: the visits, enterprises and issues behind any figure of any period. */
@ApplicationScoped
@WithSession
public class DrillDowns {

    private final Metrics metrics;
    private final MetricDictionary dictionary;

    public DrillDowns(Metrics metrics, MetricDictionary dictionary) {
        this.metrics = metrics;
        this.dictionary = dictionary;
    }

    /**
     * The rows behind one figure of a period (see {@link DrillDown}). The figure is the kept one; the rows are
     * read by the same definition from history as of the period's end.
     */
    public Uni<DrillDown> drill(Period period, String metric, Dimension dimension, String key, int limit) {
        MetricDictionary.Metric m = dictionary.metric(metric).orElseThrow(() -> ApiException.invalidField("metric", FieldCode.INVALID, "指标不存在：" + metric));
        if (!m.dimensions().contains(dimension)) {
            throw ApiException.invalidField("dimension", FieldCode.INVALID, m.name() + "不按" + dimension.label() + "统计");
        }
        String[] parts = Metrics.PARTS.getOrDefault(metric, new String[] { metric });
        Uni<Figures> figures = dimension == Dimension.OFFICIAL
                ? metrics.officials(period).map(officials -> officials.stream().filter(o -> o.key().equals(key))
                        .map(Metrics.OfficialRow::figures).findFirst().orElseThrow(() -> ApiException.notFound(dimension.label())))
                : metrics.period(period).map(f -> figures(f, dimension, key));
        return figures.flatMap(row -> metrics.rows(period, parts[0], dimension, key).flatMap(basis -> (parts.length > 1
                ? metrics.rows(period, parts[1], dimension, key)
                : Uni.createFrom().item(List.<Metrics.CountedRow>of())).flatMap(numerator -> {
                    Set<Object> above = new HashSet<>();
                    numerator.forEach(r -> above.add(r.eventId() != null ? r.eventId() : r.id()));
                    List<Metrics.CountedRow> shown = basis.subList(0, Math.min(limit, basis.size()));
                    return describe(shown).map(rows -> new DrillDown(period.toString(), metric, m.name(),
                            dimension.name(), key, row.value(metric), parts[0], basis.size(), basis.size() > shown.size(),
                            rows.stream().map(r -> parts.length > 1 ? withNumerator(r, above) : r).toList()));
                })));
    }

    private static DrillRow withNumerator(DrillRow r, Set<Object> above) {
        return new DrillRow(r.kind(), r.id(), r.eventId(), r.ledgerNo(), r.title(), r.enterpriseName(),
                r.groupName(), r.departmentName(), r.status(), r.at(), above.contains(r.eventId() != null ? r.eventId() : r.id()));
    }

    /** The row of the figures the drill-down is about, or 404 when that group, department, chain or town is not one. */
    private static Figures figures(PeriodFigures f, Dimension dimension, String key) {
        List<Row> rows = switch (dimension) {
            case GROUP -> f.groups();
            case DEPARTMENT -> f.departments();
            case CHAIN -> f.chains();
            case TOWN -> f.towns();
            case ZONE, OFFICIAL -> null;
        };
        if (rows == null) {
            return f.zone();
        }
        return rows.stream().filter(r -> r.key().equals(key)).map(Row::figures).findFirst()
                .orElseThrow(() -> ApiException.notFound(dimension.label()));
    }

    /** Names and times for the counted rows, a few queries for all of them. */
    private static Uni<List<DrillRow>> describe(List<Metrics.CountedRow> counted) {
        List<UUID> visits = counted.stream().filter(r -> r.unit() == Metrics.Unit.VISIT).map(Metrics.CountedRow::id).toList();
        List<UUID> enterprises = counted.stream().filter(r -> r.unit() == Metrics.Unit.ENTERPRISE).map(Metrics.CountedRow::id).toList();
        List<UUID> issues = counted.stream().filter(r -> r.unit() == Metrics.Unit.ISSUE || r.unit() == Metrics.Unit.EVENT)
                .map(Metrics.CountedRow::id).distinct().toList();
        List<Long> events = counted.stream().map(Metrics.CountedRow::eventId).filter(Objects::nonNull).toList();
        return byId(visits, """
                select v.id, v.kind, e.name, g.name, v.completed_at from visit v join enterprise e on e.id = v.enterprise_id
                left join assistance_group g on g.id = v.group_id where v.id in (:ids)""")
                .flatMap(v -> byId(enterprises, "select e.id, e.name, e.town from enterprise e where e.id in (:ids)")
                .flatMap(e -> byId(issues, """
                        select i.id, i.ledger_no, i.title, e.name, g.name, d.name, i.status from issue i
                        join enterprise e on e.id = i.enterprise_id left join assistance_group g on g.id = i.group_id
                        left join department d on d.id = i.lead_department_id where i.id in (:ids)""")
                .flatMap(i -> byId(events, "select ev.id, ev.occurred_at from issue_event ev where ev.id in (:ids)")
                .map(ev -> counted.stream().map(r -> switch (r.unit()) {
                    case VISIT -> {
                        Object[] x = v.get(r.id());
                        yield new DrillRow("VISIT", r.id(), null, null,
                                VisitKind.valueOf((String) x[1]).label(), (String) x[2], (String) x[3],
                                null, null, at(x[4]), null);
                    }
                    case ENTERPRISE -> {
                        Object[] x = e.get(r.id());
                        yield new DrillRow("ENTERPRISE", r.id(), null, null, (String) x[2], (String) x[1],
                                null, null, null, null, null);
                    }
                    case ISSUE, EVENT -> {
                        Object[] x = i.get(r.id());
                        Object[] when = r.eventId() == null ? null : ev.get(r.eventId());
                        yield new DrillRow("ISSUE", r.id(), r.eventId(),
                                (String) x[1], (String) x[2], (String) x[3], (String) x[4], (String) x[5],
                                IssueStatus.valueOf((String) x[6]).label(), when == null ? null : at(when[1]), null);
                    }
                }).toList()))));
    }

    private static OffsetDateTime at(Object t) {
        return Dates.inChina((OffsetDateTime) t);
    }

    /** Rows by their first column (a UUID, or an event's number as a Long). */
    private static <K> Uni<Map<Object, Object[]>> byId(List<K> ids, String sql) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery(sql, Object[].class).setParameter("ids", ids)
                .getResultList()).map(rows -> rows.stream().collect(Collectors.toMap(
                        r -> r[0] instanceof Number n ? (Object) n.longValue() : r[0], r -> r)));
    }
}
