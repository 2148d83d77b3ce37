package cn.zoufang.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.Assignment;
import cn.zoufang.directory.IndustryChain;
import cn.zoufang.identity.Caller;
import cn.zoufang.indicator.IndicatorDictionary.Aggregation;
import cn.zoufang.indicator.IndicatorDictionary.Indicator;
import cn.zoufang.indicator.IndicatorDtos.ActualRow;
import cn.zoufang.indicator.IndicatorDtos.Actuals;
import cn.zoufang.indicator.IndicatorDtos.Dimension;
import cn.zoufang.indicator.IndicatorDtos.MonthActual;
import cn.zoufang.indicator.IndicatorDtos.TargetInput;
import cn.zoufang.indicator.IndicatorDtos.TargetProgress;
import cn.zoufang.indicator.IndicatorDtos.YearProgress;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.FieldError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The zone's yearly targets and what the enterprises report against them. An actual is the sum of the current
 * values (the bureau's where there is one) of the enterprises concerned, month by month; only additive (SUM)
 * indicators have targets and sums. Chains and towns are the enterprise's as registered now, groups the ones
 * they are assigned to today.
 */
@ApplicationScoped
@WithSession
public class TargetService {

    private final IndicatorDictionary dictionary;
    private final AuditLog audit;
    private final Clock clock;

    public TargetService(IndicatorDictionary dictionary, AuditLog audit, Clock clock) {
        this.dictionary = dictionary;
        this.audit = audit;
        this.clock = clock;
    }

    /** Replaces the year's targets as a whole (what is not listed is no longer a target). */
    @WithTransaction
    public Uni<YearProgress> replace(Caller caller, int year, List<TargetInput> targets) {
        checkYear(year);
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < targets.size(); k++) {
            TargetInput t = targets.get(k);
            String field = "targets[" + k + "].indicator";
            Indicator indicator = dictionary.byKey(t.indicator()).orElse(null);
            if (indicator == null) {
                errors.add(new FieldError(field, FieldCode.INVALID, "指标口径中没有该指标"));
            } else if (indicator.aggregation() != Aggregation.SUM) {
                errors.add(new FieldError(field, FieldCode.INVALID, indicator.name() + "是比率，不能相加，不设目标"));
            } else if (!seen.add(t.indicator() + "|" + t.chain())) {
                errors.add(new FieldError(field, FieldCode.INVALID, "同一指标、同一产业链的目标只能有一个"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, errors.get(0).message(), errors);
        }
        OffsetDateTime now = Dates.now(clock);
        List<ZoneTarget> rows = targets.stream().map(t -> {
            ZoneTarget z = new ZoneTarget();
            z.id = UUID.randomUUID();
            z.year = year;
            z.indicator = t.indicator();
            z.chain = t.chain();
            z.value = t.value().setScale(2, RoundingMode.HALF_UP);
            z.setBy = caller.id();
            z.setAt = now;
            return z;
        }).toList();
        // The old targets go first (flushed), so the new ones never meet them in the unique index.
        return ZoneTarget.delete("year", year)
                .chain(() -> Panache.getSession().flatMap(s -> s.flush()))
                .chain(() -> rows.isEmpty() ? Uni.createFrom().voidItem() : ZoneTarget.persist(rows))
                .call(() -> audit.record(Entry.by(caller, "TARGETS_SET", "TARGETS", year).detail(rows.size() + " 项：" + targets)))
                .flatMap(x -> progress(year));
    }

    /** Each target of the year against the enterprises' actuals, month by month. */
    public Uni<YearProgress> progress(int year) {
        checkYear(year);
        return ZoneTarget.<ZoneTarget>list("year = ?1 order by indicator, chain nulls first", year).flatMap(targets -> {
            List<String> indicators = targets.stream().map(t -> t.indicator).distinct().toList();
            return sums(year, indicators, "e.industryChain").map(sums -> {
                List<TargetProgress> out = new ArrayList<>();
                for (ZoneTarget t : targets) {
                    Indicator indicator = dictionary.byKey(t.indicator).orElseThrow();
                    BigDecimal[] months = new BigDecimal[12];
                    sums.getOrDefault(t.indicator, Map.of()).forEach((chain, byMonth) -> {
                        if (t.chain == null || t.chain.name().equals(chain)) {
                            add(months, byMonth);
                        }
                    });
                    List<MonthActual> actuals = new ArrayList<>();
                    BigDecimal cumulative = BigDecimal.ZERO;
                    for (int m = 0; m < 12 && !YearMonth.of(year, m + 1).isAfter(Dates.thisMonth(clock)); m++) {
                        cumulative = months[m] == null ? cumulative : cumulative.add(months[m]);
                        actuals.add(new MonthActual(YearMonth.of(year, m + 1).toString(), months[m], cumulative));
                    }
                    Double rate = t.value.signum() == 0 ? null
                            : cumulative.divide(t.value, 4, RoundingMode.HALF_UP).doubleValue();
                    out.add(new TargetProgress(t.indicator, indicator.name(), indicator.unit(), t.chain,
                            t.chain == null ? "全区" : t.chain.label(), t.value, cumulative, rate, actuals));
                }
                return new YearProgress(year, dictionary.version(), out);
            });
        });
    }

    /** An additive indicator's year, month by month, by chain, town or group. */
    public Uni<Actuals> actuals(int year, String key, Dimension dimension) {
        checkYear(year);
        Indicator indicator = dictionary.byKey(key)
                .filter(i -> i.aggregation() == Aggregation.SUM)
                .orElseThrow(() -> ApiException.invalidField("indicator", FieldCode.INVALID, "应为指标口径中可相加的指标"));
        String by = switch (dimension) {
            case CHAIN -> "e.industryChain";
            case TOWN -> "e.town";
            case GROUP -> "g.name";
        };
        return sums(year, List.of(key), by).map(sums -> {
            List<ActualRow> rows = new ArrayList<>();
            sums.getOrDefault(key, Map.of()).forEach((k, byMonth) -> {
                BigDecimal total = Arrays.stream(byMonth).filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
                String label = k == null ? (dimension == Dimension.GROUP ? "未挂点" : "未填")
                        : dimension == Dimension.CHAIN ? IndustryChain.valueOf(k).label() : k;
                rows.add(new ActualRow(k, label, Arrays.asList(byMonth), total));
            });
            rows.sort((a, b) -> b.total().compareTo(a.total()));
            return new Actuals(year, key, indicator.name(), indicator.unit(), dimension, rows);
        });
    }

    /**
     * indicator → key (chain, town or group name; null for none) → the twelve months' sums of current values.
     * One grouped query; groups are today's assignments.
     */
    private Uni<Map<String, Map<String, BigDecimal[]>>> sums(int year, List<String> indicators, String by) {
        if (indicators.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String hql = "select v.indicator, " + by + ", extract(month from v.period), sum(v.value)"
                + " from IndicatorValue v join Enterprise e on e.id = v.enterpriseId"
                + " left join Assignment a on a.enterpriseId = e.id and " + Assignment.IN_FORCE_TODAY
                + " left join AssistanceGroup g on g.id = a.groupId"
                + " where v.supersededAt is null and v.indicator in :indicators and v.period >= :start and v.period < :end"
                + " group by v.indicator, " + by + ", extract(month from v.period)";
        return Panache.getSession().flatMap(s -> s.createSelectionQuery(hql, Object[].class)
                .setParameter("today", Dates.today(clock)).setParameter("indicators", indicators)
                .setParameter("start", LocalDate.of(year, 1, 1)).setParameter("end", LocalDate.of(year + 1, 1, 1))
                .getResultList())
                .map(rows -> {
                    Map<String, Map<String, BigDecimal[]>> out = new HashMap<>();
                    for (Object[] r : rows) {
                        String key = r[1] == null ? null : r[1] instanceof Enum<?> e ? e.name() : r[1].toString();
                        BigDecimal[] months = out.computeIfAbsent((String) r[0], x -> new LinkedHashMap<>())
                                .computeIfAbsent(key, x -> new BigDecimal[12]);
                        int m = ((Number) r[2]).intValue() - 1;
                        BigDecimal v = (BigDecimal) r[3];
                        months[m] = months[m] == null ? v : months[m].add(v);
                    }
                    return out;
                });
    }

    private static void add(BigDecimal[] into, BigDecimal[] more) {
        for (int m = 0; m < 12; m++) {
            if (more[m] != null) {
                into[m] = into[m] == null ? more[m] : into[m].add(more[m]);
            }
        }
    }

    private static void checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw ApiException.invalidField("year", FieldCode.RANGE, "年份应在 2000 到 2100 之间");
        }
    }
}
