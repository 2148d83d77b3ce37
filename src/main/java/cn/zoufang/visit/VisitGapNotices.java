package cn.zoufang.visit;

import java.time.Clock;
import java.time.YearMonth;
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
 * On the 15th, each group with assigned enterprises not yet visited this month hears of it. A row per
 * group and month, inserted only once, makes the reminder go out once however many replicas run it.
 */
@ApplicationScoped
@WithSession
public class VisitGapNotices {

    private static final Logger LOG = Logger.getLogger(VisitGapNotices.class);

    private final VisitService visits;
    private final Notifier notifier;

    private final Clock clock;

    public VisitGapNotices(VisitService visits, Notifier notifier, Clock clock) {
        this.clock = clock;
        this.visits = visits;
        this.notifier = notifier;
    }

    @Scheduled(cron = "0 0 9 15 * ?", timeZone = "Asia/Shanghai")
    Uni<Void> midMonth() {
        return run(YearMonth.from(Dates.today(clock))).replaceWithVoid()
                .onFailure().invoke(f -> LOG.warn("Visit-gap reminders failed", f))
                .onFailure().recoverWithNull();
    }

    /** @return how many groups were reminded */
    public Uni<Integer> run(YearMonth month) {
        return AssistanceGroup.<AssistanceGroup>listAll().flatMap(groups -> Multi.createFrom().iterable(groups)
                .onItem().transformToUniAndConcatenate(g -> remind(g.id, month))
                .collect().asList()
                .map(sent -> (int) sent.stream().filter(b -> b).count()));
    }

    private Uni<Boolean> remind(UUID groupId, YearMonth month) {
        return visits.gapEnterprises(groupId, month).flatMap(gaps -> gaps.isEmpty() ? Uni.createFrom().item(false)
                : notifier.once("""
                        insert into visit_gap_notice (group_id, month, sent_at) values (:g, :m, now())
                        on conflict do nothing""", Map.of("g", groupId, "m", month.toString()),
                        () -> notifier.groupMembers(groupId), NotificationType.VISIT_GAPS, groupId));
    }
}
