package cn.zoufang.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.WorkCalendarDtos.DayInput;
import cn.zoufang.ledger.WorkCalendarDtos.DayView;
import cn.zoufang.ledger.WorkCalendarDtos.YearInput;
import cn.zoufang.ledger.WorkCalendarDtos.YearView;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.FieldError;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The working-day calendar in Asia/Shanghai. Deadlines are computed against an in-memory snapshot
 * (no query per computation), loaded at start, after every change, and every ten minutes so that a
 * change made on another replica arrives there too.
 */
@ApplicationScoped
@WithSession
public class WorkCalendar {

    private final LedgerConfig config;
    private final AuditLog audit;
    private volatile WorkingDays snapshot = new WorkingDays(Map.of(), Set.of());

    private final Clock clock;

    public WorkCalendar(LedgerConfig config, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.audit = audit;
    }

    /** The current snapshot, for working-day arithmetic. */
    public WorkingDays days() {
        return snapshot;
    }

    public Stage stage(LocalDate due, LocalDate today) {
        return snapshot.stage(due, today, config.dueSoonWorkingDays(), config.supervisionAfterWorkingDays());
    }

    public WorkingDays.StageBounds bounds(LocalDate today) {
        return snapshot.bounds(today, config.dueSoonWorkingDays(), config.supervisionAfterWorkingDays());
    }

    public LocalDate today() {
        return Dates.today(clock);
    }

    void loadAtStart(@Observes StartupEvent event) throws Throwable {
        VertxContextSupport.subscribeAndAwait(this::reload);
    }

    @Scheduled(every = "10m", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload();
    }

    Uni<Void> reload() {
        return CalendarDay.<CalendarDay>listAll().flatMap(days -> CalendarYear.<CalendarYear>listAll().map(years -> {
            Map<LocalDate, DayKind> exceptions = new HashMap<>();
            days.forEach(d -> exceptions.put(d.day, d.kind));
            Set<Integer> sourced = new HashSet<>();
            years.forEach(y -> sourced.add(y.year));
            snapshot = new WorkingDays(exceptions, sourced);
            return null;
        }));
    }

    public Uni<YearView> year(int year) {
        return CalendarYear.<CalendarYear>findById(year).flatMap(y -> CalendarDay.<CalendarDay>list(
                "day >= ?1 and day <= ?2 order by day", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
                .map(days -> new YearView(year, y != null, y == null ? null : y.source,
                        days.stream().map(d -> new DayView(d.day, d.kind, d.kind.label(), d.name)).toList())));
    }

    /** The ETag of a year's schedule: "0" while it is not published here. */
    public Uni<String> etag(int year) {
        return CalendarYear.<CalendarYear>findById(year).map(WorkCalendar::etagOf);
    }

    private static String etagOf(CalendarYear y) {
        return Preconditions.etag(y == null ? 0 : y.version + 1);
    }

    /** Replaces a year's schedule with the one published, then reloads the snapshot. */
    public Uni<YearView> replaceYear(Caller caller, int year, String ifMatch, YearInput input) {
        validate(year, input.days());
        return Panache.withTransaction(() -> CalendarYear.<CalendarYear>findById(year).flatMap(existing -> {
            long current = existing == null ? 0 : existing.version + 1;
            Preconditions.requireMatch(ifMatch, current);
            CalendarYear y = existing != null ? existing : new CalendarYear();
            y.year = year;
            y.source = input.source().trim();
            y.updatedAt = Dates.now(clock);
            y.updatedBy = caller.id();
            List<CalendarDay> rows = input.days().stream().map(d -> {
                CalendarDay row = new CalendarDay();
                row.day = d.date();
                row.kind = d.kind();
                row.name = d.name().trim();
                return row;
            }).toList();
            return CalendarDay.delete("day >= ?1 and day <= ?2", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31))
                    .chain(() -> Panache.flush())
                    .chain(() -> existing == null ? y.persist() : Uni.createFrom().item(y))
                    .chain(() -> rows.isEmpty() ? Uni.createFrom().voidItem() : CalendarDay.persist(rows))
                    .chain(() -> audit.record(Entry.by(caller, "WORK_CALENDAR_REPLACE", "WORK_CALENDAR", year)
                            .detail(rows.size() + " days; " + y.source)));
        }))
                .chain(this::reload)
                .chain(() -> year(year));
    }

    private static void validate(int year, List<DayInput> days) {
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            DayInput d = days.get(i);
            String field = "days[" + i + "].date";
            if (d.date().getYear() != year) {
                throw invalid(field, "日期不在 " + year + " 年内");
            }
            if (!seen.add(d.date())) {
                throw invalid(field, "日期重复：" + d.date());
            }
            boolean weekend = d.date().getDayOfWeek().getValue() >= 6;
            if (d.kind() == DayKind.WORKDAY && !weekend) {
                throw invalid(field, d.date() + " 是工作日，无需列为调休上班");
            }
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, message,
                List.of(new FieldError(field, FieldCode.INVALID, message)));
    }
}
