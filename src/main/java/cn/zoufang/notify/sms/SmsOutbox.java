package cn.zoufang.notify.sms;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.identity.Role;
import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.NotificationType;
import cn.zoufang.notify.PushConfig;
import cn.zoufang.notify.QuietHours;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Queues SMS in the caller's transaction: by the rules, for notifications just written; the fallback for
 * urgent ones nobody read; one-time codes. At most one SMS per notification (a unique index), however many
 * rules or replicas ask. The rules, as a table: which notification type, to whom among its recipients, with
 * which template.
 */
@ApplicationScoped
public class SmsOutbox implements OneTimeCodes {

    /** Among a notification's recipients, who also gets the SMS (a condition on account {@code a} and issue {@code i}). */
    enum Audience {
        LEAD_DEPARTMENT_HANDLERS("a.department_id = i.lead_department_id and a.roles like '%," + Role.DEPARTMENT_HANDLER.name()
                + ",%'", false),
        /** "Without the app": no installation seen within the push staleness window ({@code :fresh}). */
        ENTERPRISE_CONTACTS_WITHOUT_APP("a.enterprise_id = i.enterprise_id and not exists (select 1 from device d"
                + " where d.account_id = a.id and d.active and d.last_seen_at > :fresh)", true);

        final String condition;
        final boolean bindsFresh;

        Audience(String condition, boolean bindsFresh) {
            this.condition = condition;
            this.bindsFresh = bindsFresh;
        }
    }

    record Rule(NotificationType type, Audience audience, SmsTemplate template) {
    }

    static final List<Rule> RULES = List.of(
            new Rule(NotificationType.ISSUE_SUPERVISED, Audience.LEAD_DEPARTMENT_HANDLERS, SmsTemplate.SUPERVISED),
            new Rule(NotificationType.ISSUE_OVERDUE, Audience.LEAD_DEPARTMENT_HANDLERS, SmsTemplate.OVERDUE),
            new Rule(NotificationType.ISSUE_ANSWERED, Audience.ENTERPRISE_CONTACTS_WITHOUT_APP, SmsTemplate.RATE_ANSWER));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SmsConfig config;
    private final PushConfig push;
    private final AliyunSms gateway;
    private final Clock clock;

    public SmsOutbox(SmsConfig config, PushConfig push, AliyunSms gateway, Clock clock) {
        this.config = config;
        this.push = push;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** Whether SMS of this template are queued at all: SMS on, the template approved, its rule switched on. */
    boolean on(SmsTemplate template) {
        return gateway.enabled() && switch (template) {
            case SUPERVISED -> config.supervised();
            case OVERDUE -> config.overdue();
            case RATE_ANSWER -> config.rateInvite();
            case URGENT_UNREAD -> !config.fallbackAfter().isZero();
            default -> true;
        } && template.code(config.templates()).isPresent();
    }

    /** When an SMS queued now may go: at once for a code, else after the quiet hours. */
    OffsetDateTime sendAt(SmsTemplate template, OffsetDateTime now) {
        return template.oneTimeCode() ? now : QuietHours.after(now, config.quietFrom(), config.quietUntil());
    }

    /** The SMS the rules ask for, for these just-written notifications of one type about one issue. */
    public Uni<Void> afterNotify(NotificationType type, List<UUID> notificationIds) {
        List<Rule> rules = RULES.stream().filter(r -> r.type() == type && on(r.template())).toList();
        if (rules.isEmpty() || notificationIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = Dates.now(clock);
        return Multi.createFrom().iterable(rules).onItem().transformToUniAndConcatenate(rule -> Panache.getSession()
                .flatMap(s -> {
                    var insert = s.createNativeQuery("""
                        insert into sms_message (id, account_id, phone, template, params, reason, notification_id, status,
                                                 next_attempt_at, created_at)
                        select gen_random_uuid(), a.id, a.phone, :template, json_build_object('ledgerNo', i.ledger_no)::text,
                               :template, n.id, 'PENDING', :at, :now
                        from notification n join account a on a.id = n.account_id join issue i on i.id = n.object_id
                        where n.id in (:ids) and a.active and %s
                        on conflict (notification_id) where notification_id is not null do nothing"""
                        .formatted(rule.audience().condition))
                        .setParameter("template", rule.template().name()).setParameter("ids", notificationIds)
                        .setParameter("at", sendAt(rule.template(), now)).setParameter("now", now);
                    if (rule.audience().bindsFresh) {
                        insert.setParameter("fresh", now.minus(push.staleAfter()));
                    }
                    return insert.executeUpdate();
                }))
                .collect().last().replaceWithVoid();
    }

    /**
     * Urgent notifications still unread {@code fallback-after} after they were made, with no push receipt
     * and no SMS yet: one SMS each. Those older than a day are left alone (the inbox and the escalations have
     * them). @return how many were queued
     */
    public Uni<Integer> queueFallbacks() {
        if (!on(SmsTemplate.URGENT_UNREAD)) {
            return Uni.createFrom().item(0);
        }
        OffsetDateTime now = Dates.now(clock);
        OffsetDateTime cutoff = now.minus(config.fallbackAfter());
        return Panache.withTransaction(() -> Panache.getSession().flatMap(s -> s.createNativeQuery("""
                insert into sms_message (id, account_id, phone, template, params, reason, notification_id, status,
                                         next_attempt_at, created_at)
                select gen_random_uuid(), a.id, a.phone, 'URGENT_UNREAD', '{}', 'URGENT_UNREAD', n.id, 'PENDING', :at, :now
                from notification n join account a on a.id = n.account_id
                where n.urgent and n.read_at is null and n.delivered_at is null and a.active
                  and n.created_at <= :cutoff and n.created_at > :floor
                  and not exists (select 1 from sms_message m where m.notification_id = n.id)
                on conflict (notification_id) where notification_id is not null do nothing""")
                .setParameter("at", sendAt(SmsTemplate.URGENT_UNREAD, now)).setParameter("now", now)
                .setParameter("cutoff", cutoff).setParameter("floor", cutoff.minusDays(1)).executeUpdate()));
    }

    @Override
    public boolean available(SmsTemplate template) {
        return template.oneTimeCode() && on(template);
    }

    /** 503 SERVICE_UNAVAILABLE when SMS is off or the template has no approved code: the code could not reach anyone. */
    @Override
    public Uni<Void> send(String phone, SmsTemplate template, String code) {
        if (!template.oneTimeCode()) {
            throw new IllegalArgumentException(template + " is not a one-time code");
        }
        if (!on(template)) {
            return Uni.createFrom().failure(new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "短信服务未开通，无法发送验证码"));
        }
        OffsetDateTime now = Dates.now(clock);
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                insert into sms_message (id, account_id, phone, template, params, reason, status, next_attempt_at, created_at)
                values (:id, (select id from account where phone = :phone), :phone, :template, :params, :template,
                        'PENDING', :now, :now)""")
                .setParameter("id", UUID.randomUUID()).setParameter("phone", phone).setParameter("template", template.name())
                .setParameter("params", JSON.createObjectNode().put("code", code).toString()).setParameter("now", now)
                .executeUpdate())
                .replaceWithVoid();
    }
}
