package cn.zoufang.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.directory.EnterpriseService;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.indicator.IndicatorDictionary.Indicator;
import cn.zoufang.indicator.IndicatorDtos.EarlierValue;
import cn.zoufang.indicator.IndicatorDtos.EnterpriseIndicators;
import cn.zoufang.indicator.IndicatorDtos.ImportResult;
import cn.zoufang.indicator.IndicatorDtos.MonthValue;
import cn.zoufang.indicator.IndicatorDtos.MonthValues;
import cn.zoufang.indicator.IndicatorDtos.Series;
import cn.zoufang.indicator.IndicatorDtos.SheetRow;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.FieldError;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * 一企一档's figures: each enterprise's indicators month by month, entered at a visit, reported by the
 * enterprise, imported from the statistics bureau or corrected by the office. Nothing is overwritten: a new
 * value supersedes the current one, which stays in the history.
 */
@ApplicationScoped
@WithSession
public class IndicatorService {

    /** The longest window one read gives (three years). */
    static final int MAX_MONTHS = 36;

    private final IndicatorDictionary dictionary;
    private final EnterpriseService enterprises;
    private final AuditLog audit;
    private final Vertx vertx;
    private final Clock clock;

    public IndicatorService(IndicatorDictionary dictionary, EnterpriseService enterprises, AuditLog audit, Vertx vertx,
            Clock clock) {
        this.dictionary = dictionary;
        this.enterprises = enterprises;
        this.audit = audit;
        this.vertx = vertx;
        this.clock = clock;
    }

    /**
     * An enterprise whose figures the caller may read and enter: its own contact, its group, the office and the
     * admin. The desk and departments see the enterprise, not its business figures (403); out of scope is 404.
     */
    private Uni<Enterprise> withFigures(Caller caller, UUID enterpriseId) {
        return enterprises.findVisible(caller, enterpriseId).invoke(e -> {
            if (!seesFigures(caller)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "企业经营指标只对挂点小组、企业本身和办公室开放");
            }
        });
    }

    /** Who reads an enterprise's business figures (of an enterprise in their scope). */
    public static boolean seesFigures(Caller caller) {
        return caller.hasAny(Role.OFFICE, Role.ADMIN, Role.OFFICIAL, Role.GROUP_LEADER, Role.ENTERPRISE_CONTACT);
    }

    /** The window asked for: {@code to} the current month by default, {@code from} eleven months before it. */
    public record Window(YearMonth from, YearMonth to) {
        public static Window of(YearMonth from, YearMonth to, YearMonth current) {
            YearMonth end = to == null ? current : to;
            YearMonth start = from == null ? end.minusMonths(11) : from;
            if (start.isAfter(end) || start.plusMonths(MAX_MONTHS - 1).isBefore(end)) {
                throw ApiException.invalidField("from", FieldCode.RANGE, "起止月份应在 " + MAX_MONTHS + " 个月之内，且不晚于截止月份");
            }
            return new Window(start, end);
        }
    }

    public Uni<EnterpriseIndicators> list(Caller caller, UUID enterpriseId, YearMonth from, YearMonth to) {
        Window w = Window.of(from, to, Dates.thisMonth(clock));
        return withFigures(caller, enterpriseId).flatMap(e -> history(List.of(enterpriseId), w))
                .map(rows -> view(enterpriseId, w, rows.getOrDefault(enterpriseId, List.of())));
    }

    /** Every value (current and superseded) of these enterprises in the window, by enterprise: one query. */
    public Uni<Map<UUID, List<IndicatorValue>>> history(List<UUID> enterpriseIds, Window w) {
        if (enterpriseIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return IndicatorValue.<IndicatorValue>list("enterpriseId in ?1 and period >= ?2 and period <= ?3",
                enterpriseIds, w.from().atDay(1), w.to().atDay(1))
                .map(rows -> rows.stream().collect(Collectors.groupingBy(v -> v.enterpriseId)));
    }

    /** Each indicator of the dictionary, its months in order, each month's current value and the ones it replaced. */
    public EnterpriseIndicators view(UUID enterpriseId, Window w, List<IndicatorValue> rows) {
        Map<String, List<IndicatorValue>> byIndicator = rows.stream().collect(Collectors.groupingBy(v -> v.indicator));
        List<Series> series = new ArrayList<>();
        for (Indicator indicator : dictionary.indicators()) {
            Map<LocalDate, List<IndicatorValue>> byMonth = new TreeMap<>(byIndicator.getOrDefault(indicator.key(), List.of())
                    .stream().collect(Collectors.groupingBy(v -> v.period)));
            List<MonthValue> months = new ArrayList<>();
            byMonth.forEach((period, values) -> values.stream().filter(v -> v.supersededAt == null).findFirst().ifPresent(now ->
                    months.add(new MonthValue(YearMonth.from(period).toString(), now.value, now.source, now.source.label(),
                            now.recordedAt, now.note, now.dictionaryVersion, values.stream().filter(v -> v.supersededAt != null)
                                    .sorted(Comparator.comparing((IndicatorValue v) -> v.recordedAt).reversed())
                                    .map(v -> new EarlierValue(v.value, v.source, v.source.label(), v.recordedAt, v.supersededAt))
                                    .toList()))));
            series.add(new Series(indicator.key(), indicator.name(), indicator.unit(), months));
        }
        return new EnterpriseIndicators(enterpriseId, w.from().toString(), w.to().toString(), dictionary.version(), series);
    }

    /** One month's values entered by hand; the source follows from who enters them. */
    @WithTransaction
    public Uni<EnterpriseIndicators> record(Caller caller, UUID enterpriseId, YearMonth month, MonthValues in) {
        checkMonth("period", month);
        Map<String, BigDecimal> values = checked(in.values());
        IndicatorSource source = IndicatorSource.enteredBy(caller);
        List<Change> changes = values.entrySet().stream()
                .map(v -> new Change(enterpriseId, month, v.getKey(), v.getValue())).toList();
        return withFigures(caller, enterpriseId)
                .flatMap(e -> apply(caller, changes, source, in.note()))
                .call(counts -> audit.record(Entry.by(caller, "INDICATORS_RECORD", "ENTERPRISE", enterpriseId)
                        .detail(month + " " + source + " " + String.join(",", values.keySet()) + "：" + counts)))
                .flatMap(counts -> {
                    Window w = new Window(month, month);
                    // Checked before writing: only the month's rows are read again.
                    return history(List.of(enterpriseId), w).map(rows -> view(enterpriseId, w, rows.getOrDefault(enterpriseId, List.of())));
                });
    }

    /** The statistics bureau's sheet: all rows or none, each error named by row and column. */
    @WithTransaction
    public Uni<ImportResult> importSheet(Caller caller, byte[] body) {
        IndicatorSheet sheet = new IndicatorSheet(dictionary, Dates.thisMonth(clock));
        return vertx.executeBlocking(Uni.createFrom().item(() -> sheet.read(body)))
                .flatMap(rows -> Enterprise.<Enterprise>list("creditCode in ?1",
                        rows.stream().map(SheetRow::creditCode).distinct().toList())
                        .flatMap(found -> {
                            Map<String, UUID> ids = found.stream().collect(Collectors.toMap(e -> e.creditCode, e -> e.id));
                            List<FieldError> unknown = rows.stream().filter(r -> !ids.containsKey(r.creditCode()))
                                    .map(r -> new FieldError(IndicatorSheet.CODE, FieldCode.INVALID, "企业库中没有该企业", r.row()))
                                    .toList();
                            if (!unknown.isEmpty()) {
                                throw ApiException.importRows(unknown);
                            }
                            List<Change> changes = new ArrayList<>();
                            rows.forEach(r -> r.values().forEach((key, value) ->
                                    changes.add(new Change(ids.get(r.creditCode()), r.period(), key, value))));
                            return apply(caller, changes, IndicatorSource.STATISTICS, null)
                                    .map(c -> new ImportResult(rows.size(), c.recorded(), c.corrected(), c.unchanged()));
                        }))
                .call(result -> audit.record(Entry.by(caller, "INDICATORS_IMPORT", "INDICATOR", null).detail(result.toString())));
    }

    private record Change(UUID enterpriseId, YearMonth month, String indicator, BigDecimal value) {
        String key() {
            return enterpriseId + "|" + month.atDay(1) + "|" + indicator;
        }
    }

    record Counts(int recorded, int corrected, int unchanged) {
    }

    /**
     * Writes the changes against the current values: the same value changes nothing (unless it now comes from an
     * authoritative source), another one supersedes the current value, kept as history. A value from a visit or
     * the enterprise never replaces an authoritative one: the whole write is refused (409).
     */
    private Uni<Counts> apply(Caller caller, List<Change> changes, IndicatorSource source, String note) {
        Set<UUID> ids = new HashSet<>();
        Set<LocalDate> periods = new HashSet<>();
        changes.forEach(c -> {
            ids.add(c.enterpriseId());
            periods.add(c.month().atDay(1));
        });
        return IndicatorValue.<IndicatorValue>list("supersededAt is null and enterpriseId in ?1 and period in ?2",
                ids, periods).flatMap(current -> {
                    Map<String, IndicatorValue> now = current.stream().collect(Collectors.toMap(
                            v -> v.enterpriseId + "|" + v.period + "|" + v.indicator, Function.identity()));
                    OffsetDateTime at = Dates.now(clock);
                    List<IndicatorValue> superseded = new ArrayList<>();
                    List<IndicatorValue> fresh = new ArrayList<>();
                    int recorded = 0;
                    int unchanged = 0;
                    for (Change c : changes) {
                        IndicatorValue was = now.get(c.key());
                        if (was != null && was.value.compareTo(c.value()) == 0 && !(source.authoritative() && !was.source.authoritative())) {
                            unchanged++;
                            continue;
                        }
                        if (was != null && !source.mayReplace(was.source)) {
                            String name = dictionary.byKey(c.indicator()).map(Indicator::name).orElse(c.indicator());
                            throw new ApiException(ErrorCode.CONFLICT, c.month() + " 的" + name + "已有" + was.source.label()
                                    + "的数值，不能以" + source.label() + "替换；如需更正请联系办公室");
                        }
                        if (was == null) {
                            recorded++;
                        } else {
                            superseded.add(was);
                        }
                        fresh.add(row(caller, c, source, note, at));
                    }
                    Counts counts = new Counts(recorded, superseded.size(), unchanged);
                    // The current values step aside first (flushed before the new ones are written): only one value
                    // per month may be current.
                    superseded.forEach(v -> v.supersededAt = at);
                    Uni<Void> marked = superseded.isEmpty() ? Uni.createFrom().voidItem()
                            : Panache.getSession().flatMap(Mutiny.Session::flush);
                    return marked.chain(() -> fresh.isEmpty() ? Uni.createFrom().voidItem() : IndicatorValue.persist(fresh))
                            .chain(() -> touch(fresh))
                            .replaceWith(counts);
                });
    }

    /**
     * The enterprise's file changed: its row is touched (the sync trigger stamps it), so phones get the enterprise
     * again, with its figures. One statement for all of them; the enterprise's own version does not move.
     */
    private static Uni<Void> touch(List<IndicatorValue> fresh) {
        List<UUID> ids = fresh.stream().map(v -> v.enterpriseId).distinct().toList();
        return ids.isEmpty() ? Uni.createFrom().voidItem()
                : Panache.getSession().flatMap(s -> s.createMutationQuery("update Enterprise e set e.name = e.name where e.id in :ids")
                        .setParameter("ids", ids).executeUpdate()).replaceWithVoid();
    }

    private IndicatorValue row(Caller caller, Change c, IndicatorSource source, String note, OffsetDateTime at) {
        IndicatorValue v = new IndicatorValue();
        v.id = UUID.randomUUID();
        v.enterpriseId = c.enterpriseId();
        v.indicator = c.indicator();
        v.period = c.month().atDay(1);
        v.value = c.value();
        v.source = source;
        v.recordedBy = caller.id();
        v.recordedAt = at;
        v.note = note == null || note.isBlank() ? null : note.trim();
        v.dictionaryVersion = dictionary.version();
        return v;
    }

    private void checkMonth(String field, YearMonth month) {
        YearMonth current = Dates.thisMonth(clock);
        if (month.isAfter(current) || month.getYear() < 2000) {
            throw ApiException.invalidField(field, FieldCode.RANGE, "月份应在 2000-01 到 " + current + " 之间");
        }
    }

    /** Known indicators, values in their ranges, to the cent; every wrong one named. */
    private Map<String, BigDecimal> checked(Map<String, BigDecimal> values) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, BigDecimal> out = new TreeMap<>();
        values.forEach((key, raw) -> {
            String field = "values." + key;
            Indicator indicator = dictionary.byKey(key).orElse(null);
            if (indicator == null) {
                errors.add(new FieldError(field, FieldCode.UNKNOWN_PROPERTY, "指标口径中没有该指标"));
            } else if (raw == null) {
                errors.add(new FieldError(field, FieldCode.REQUIRED, "请填写数值（不填的指标不要放进请求）"));
            } else {
                BigDecimal v = raw.setScale(2, RoundingMode.HALF_UP);
                String problem = indicator.outOfRange(v);
                if (problem != null) {
                    errors.add(new FieldError(field, FieldCode.RANGE, problem));
                } else {
                    out.put(key, v);
                }
            }
        });
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, errors.get(0).message(), errors);
        }
        return out;
    }
}
