package cn.zoufang.sync;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import cn.zoufang.identity.Scope;
import cn.zoufang.kernel.Dates;
import cn.zoufang.visit.VisitStatus;

/**
 * What a snapshot carries in full and what it leaves to the history endpoint, one definition per kind: a
 * visit is history once it is finished and was planned before the day, an issue once it was closed before
 * it, a notification once it was read and made before it. Enterprises are never history.
 */
enum History {
    VISITS("(v.status in :vOpen or v.plannedDate >= :vBefore)",
            before -> Map.of("vOpen", List.of(VisitStatus.PLANNED, VisitStatus.CHECKED_IN), "vBefore", before)),
    ISSUES("(i.closedAt is null or i.closedAt >= :iBefore)", before -> Map.of("iBefore", start(before))),
    NOTIFICATIONS("(n.readAt is null or n.createdAt >= :nBefore)", before -> Map.of("nBefore", start(before)));

    private final String recent;
    private final Function<LocalDate, Map<String, Object>> params;

    History(String recent, Function<LocalDate, Map<String, Object>> params) {
        this.recent = recent;
        this.params = params;
    }

    /** The visible rows a snapshot sends; all of them when {@code before} is null (a delta). */
    Scope.Clause recentOnly(Scope.Clause visible, LocalDate before) {
        return before == null ? visible : and(visible, recent, before);
    }

    /** The visible rows a snapshot leaves out. */
    Scope.Clause historyOnly(Scope.Clause visible, LocalDate before) {
        return and(visible, "not " + recent, before);
    }

    private Scope.Clause and(Scope.Clause visible, String condition, LocalDate before) {
        Map<String, Object> all = visible.into(new HashMap<>());
        all.putAll(params.apply(before));
        return new Scope.Clause(visible.hql() + " and " + condition, all);
    }

    private static java.time.OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(Dates.ZONE).toOffsetDateTime();
    }
}
