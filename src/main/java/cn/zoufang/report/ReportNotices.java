package cn.zoufang.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.directory.AssistanceGroup;
import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.NotificationType;
import cn.zoufang.notify.Notifier;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Tells each group leader that last month's report is due (from the 1st), that the due day is near,
 * and that it is late: each at most once per group and month (a {@code report_notice} row decides,
 * so several replicas running the job send it once), and only while nothing has been submitted.
 */
@ApplicationScoped
@WithSession
public class ReportNotices {

    private static final Logger LOG = Logger.getLogger(ReportNotices.class);

    private final ReportService reports;
    private final ReportConfig config;
    private final Notifier notifier;

    private final Clock clock;

    public ReportNotices(ReportService reports, ReportConfig config, Notifier notifier, Clock clock) {
        this.clock = clock;
        this.reports = reports;
        this.config = config;
        this.notifier = notifier;
    }

    @Scheduled(cron = "${zoufang.report.notices-cron:0 0 9 * * ?}", timeZone = "Asia/Shanghai")
    Uni<Void> daily() {
        return run(Dates.today(clock)).replaceWithVoid()
                .onFailure().invoke(f -> LOG.warn("Monthly report reminders failed", f))
                .onFailure().recoverWithNull();
    }

    /** The notice that applies on {@code today} to last month's report, or null. */
    public NotificationType noticeOn(LocalDate today) {
        YearMonth month = YearMonth.from(today).minusMonths(1);
        LocalDate due = reports.dueDate(month);
        if (today.isAfter(due)) {
            return NotificationType.REPORT_LATE;
        }
        if (!today.isBefore(due.minusDays(config.reminderDaysBefore()))) {
            return NotificationType.REPORT_REMINDER;
        }
        return NotificationType.REPORT_DUE;
    }

    /** @return how many leaders were told */
    public Uni<Integer> run(LocalDate today) {
        YearMonth month = YearMonth.from(today).minusMonths(1);
        NotificationType type = noticeOn(today);
        return AssistanceGroup.<AssistanceGroup>listAll().flatMap(groups -> reports.summaries(groups, month)
                .flatMap(summaries -> Multi.createFrom().iterable(summaries)
                        // Never submitted: not started, or the first version still a draft.
                        .filter(s -> s.status() == ReportStatus.NOT_STARTED
                                || s.status() == ReportStatus.DRAFT && s.version() == 1)
                        .onItem().transformToUniAndConcatenate(s -> tell(s.groupId(), s.leader().id(), month, type))
                        .collect().asList()
                        .map(sent -> (int) sent.stream().filter(b -> b).count())));
    }

    private Uni<Boolean> tell(UUID groupId, UUID leaderId, YearMonth month, NotificationType type) {
        return notifier.once("""
                insert into report_notice (group_id, month, kind, sent_at) values (:g, :m, :k, now())
                on conflict do nothing""", Map.of("g", groupId, "m", month.atDay(1), "k", type.name()),
                () -> Uni.createFrom().item(List.of(leaderId)), type, groupId);
    }
}
