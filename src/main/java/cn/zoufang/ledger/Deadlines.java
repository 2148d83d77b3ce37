package cn.zoufang.ledger;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one definition of an issue running against its deadline, of overdue, and of the ladder's stages as
 * conditions: the service's filters, the escalation job, the dashboard, the monthly figures and the gauges
 * all take theirs from here (in SQL, HQL or Java), so "overdue" cannot mean two things. The stages'
 * dates come from {@link WorkingDays.StageBounds} ({@link WorkCalendar#bounds}): {@code :today}, the
 * latest due date already worth supervising {@code :supervise}, and the first due date not yet due soon
 * {@code :horizon}.
 */
public final class Deadlines {

    /** A department is working on it: only then does the clock run. */
    public static final Set<IssueStatus> RUNNING = EnumSet.of(IssueStatus.FORWARDED, IssueStatus.IN_PROGRESS);

    private Deadlines() {
    }

    public static boolean running(Issue i) {
        return i.dueDate != null && RUNNING.contains(i.status);
    }

    /** The issue's states in which assisting opinions are awaited: those in which one may be filed. */
    private static Set<IssueStatus> opinionsAwaited() {
        return IssueWorkflow.rule(IssueAction.ASSIST_OPINION).from();
    }

    /** An assisting department's opinion runs against its own date until it is filed. */
    public static boolean opinionAwaited(Issue i, OffsetDateTime filedAt, LocalDate dueDate) {
        return filedAt == null && dueDate != null && opinionsAwaited().contains(i.status);
    }

    /** SQL: the opinion of assist row {@code x} of issue {@code i} is awaited. */
    public static String opinionAwaitedSql(String i, String x) {
        return x + ".opinion_at is null and " + x + ".due_date is not null and " + in(i, opinionsAwaited());
    }

    /** SQL: the issue {@code alias} runs against the clock. */
    public static String runningSql(String alias) {
        return in(alias, RUNNING);
    }

    /** SQL: the issue {@code alias} is in one of these states. */
    private static String in(String alias, Set<IssueStatus> states) {
        return alias + ".status in (" + states.stream().map(s -> "'" + s + "'").sorted().collect(Collectors.joining(", "))
                + ")";
    }

    /** SQL: running and its due date before the date parameter {@code :param} (today, or a month's end). */
    public static String overdueSql(String alias, String param) {
        return runningSql(alias) + " and " + alias + ".due_date < :" + param;
    }

    /** SQL: the stage of a running issue due before {@code :horizon}, by {@code :supervise} and {@code :today}. */
    public static String stageSql(String alias) {
        return "case when " + alias + ".due_date <= :supervise then 'NEEDS_SUPERVISION' when " + alias
                + ".due_date < :today then 'OVERDUE' else 'DUE_SOON' end";
    }

    /**
     * HQL: the issue {@code alias} is running and at this stage, with the parameters {@code :running} and
     * those of {@link #parameters(Stage)}.
     */
    public static String stageHql(Stage stage, String alias) {
        String due = alias + ".dueDate";
        return alias + ".status in (:running) and " + switch (stage) {
            case ON_TIME -> due + " >= :horizon";
            case DUE_SOON -> due + " >= :today and " + due + " < :horizon";
            case OVERDUE -> due + " < :today and " + due + " > :supervise";
            case NEEDS_SUPERVISION -> due + " <= :supervise";
        };
    }

    /** The bounds {@link #stageHql} names for this stage. */
    public static Set<String> parameters(Stage stage) {
        return switch (stage) {
            case ON_TIME -> Set.of("horizon");
            case DUE_SOON -> Set.of("today", "horizon");
            case OVERDUE -> Set.of("today", "supervise");
            case NEEDS_SUPERVISION -> Set.of("supervise");
        };
    }
}
