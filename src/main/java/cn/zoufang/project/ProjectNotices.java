package cn.zoufang.project;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.NotificationType;
import cn.zoufang.notify.Notifier;
import cn.zoufang.report.ReportNotices;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Tells the responsible department that a running key project's report of last month is due, nearly due
 * and late, on the same days as the groups' monthly reports; each once per project, month and kind (a
 * {@code key_project_notice} row decides, so several replicas send it once), and only while it is not in.
 */
@ApplicationScoped
@WithSession
public class ProjectNotices {

    private static final Logger LOG = Logger.getLogger(ProjectNotices.class);

    private final ReportNotices groupNotices;
    private final Notifier notifier;
    private final Clock clock;

    public ProjectNotices(ReportNotices groupNotices, Notifier notifier, Clock clock) {
        this.groupNotices = groupNotices;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Scheduled(cron = "${zoufang.key-projects.notices-cron:0 5 9 * * ?}", timeZone = "Asia/Shanghai")
    Uni<Void> daily() {
        return run(Dates.today(clock)).replaceWithVoid()
                .onFailure().invoke(f -> LOG.warn("Key project report reminders failed", f))
                .onFailure().recoverWithNull();
    }

    /** The project notice for a day: the groups' report notice of that day, for a project. */
    static NotificationType kindOn(NotificationType groupNotice) {
        return switch (groupNotice) {
            case REPORT_LATE -> NotificationType.PROJECT_REPORT_LATE;
            case REPORT_REMINDER -> NotificationType.PROJECT_REPORT_REMINDER;
            default -> NotificationType.PROJECT_REPORT_DUE;
        };
    }

    /** @return how many projects' departments were told */
    public Uni<Integer> run(LocalDate today) {
        YearMonth month = YearMonth.from(today).minusMonths(1);
        NotificationType type = kindOn(groupNotices.noticeOn(today));
        return KeyProject.<KeyProject>list("""
                status = ?1 and startMonth <= ?2 and endMonth >= ?2
                and id not in (select r.projectId from ProjectReport r where r.month = ?2)
                order by name, id""", ProjectStatus.ACTIVE, month.atDay(1))
                .flatMap(projects -> Multi.createFrom().iterable(projects)
                        .onItem().transformToUniAndConcatenate(p -> tell(p.id, p.departmentId, month, type))
                        .collect().asList()
                        .map(sent -> (int) sent.stream().filter(b -> b).count()));
    }

    private Uni<Boolean> tell(UUID projectId, UUID departmentId, YearMonth month, NotificationType type) {
        return notifier.once("""
                insert into key_project_notice (project_id, month, kind, sent_at) values (:p, :m, :k, now())
                on conflict do nothing""", Map.of("p", projectId, "m", month.atDay(1), "k", type.name()),
                () -> notifier.departmentHandlers(departmentId), type, projectId);
    }
}
