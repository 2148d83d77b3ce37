package cn.zoufang.notify;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.sms.AliyunSms;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * How a month's notifications travelled, per channel: for the office, whether people are reached (pushes
 * sent, and reported delivered within 5 minutes of the notification where the vendor reports delivery),
 * and what SMS cost (messages and billed segments). Counted by when the notification was made.
 */
@ApplicationScoped
@WithSession
public class ChannelReport {

    public record PushChannelFigures(Device.Provider provider, boolean enabled, long pushes, long sent, long failed,
            long dead, long pending, long delivered, long deliveredWithin5Minutes) {
    }

    public record SmsFigures(boolean enabled, long queued, long sent, long delivered, long undelivered, long failed,
            long dead, long pending, long segments, Map<String, Long> sentByTemplate) {
    }

    public record Figures(YearMonth month, List<PushChannelFigures> push, SmsFigures sms) {
    }

    private final Map<Device.Provider, PushChannel> channels = new EnumMap<>(Device.Provider.class);
    private final AliyunSms sms;

    public ChannelReport(Instance<PushChannel> channels, AliyunSms sms) {
        channels.forEach(c -> this.channels.put(c.provider(), c));
        this.sms = sms;
    }

    public Uni<Figures> month(YearMonth month) {
        OffsetDateTime from = month.atDay(1).atStartOfDay(Dates.ZONE).toOffsetDateTime();
        OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay(Dates.ZONE).toOffsetDateTime();
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select d.provider, count(*),
                       count(*) filter (where p.status = 'SENT'), count(*) filter (where p.status = 'FAILED'),
                       count(*) filter (where p.status = 'DEAD'), count(*) filter (where p.status = 'PENDING'),
                       count(*) filter (where p.delivered_at is not null),
                       count(*) filter (where p.delivered_at <= n.created_at + interval '5 minutes')
                from push_delivery p join device d on d.id = p.device_id join notification n on n.id = p.notification_id
                where n.created_at >= :from and n.created_at < :to
                group by d.provider""", Object[].class).setParameter("from", from).setParameter("to", to).getResultList()
                .flatMap(pushRows -> s.createNativeQuery("""
                        select template, status, count(*), coalesce(sum(case when sent_at is not null
                                                                        then coalesce(segments, 1) end), 0)
                        from sms_message where created_at >= :from and created_at < :to
                        group by template, status""", Object[].class).setParameter("from", from).setParameter("to", to)
                        .getResultList()
                        .map(smsRows -> new Figures(month, push(pushRows), sms(smsRows)))));
    }

    private List<PushChannelFigures> push(List<Object[]> rows) {
        Map<Device.Provider, Object[]> byProvider = new EnumMap<>(Device.Provider.class);
        rows.forEach(r -> byProvider.put(Device.Provider.valueOf((String) r[0]), r));
        return Arrays.stream(Device.Provider.values()).map(p -> {
            Object[] r = byProvider.get(p);
            PushChannel channel = channels.get(p);
            boolean on = channel != null && channel.enabled();
            return r == null ? new PushChannelFigures(p, on, 0, 0, 0, 0, 0, 0, 0)
                    : new PushChannelFigures(p, on, n(r[1]), n(r[2]), n(r[3]), n(r[4]), n(r[5]), n(r[6]), n(r[7]));
        }).toList();
    }

    private SmsFigures sms(List<Object[]> rows) {
        long queued = 0;
        long[] byStatus = new long[6];
        long segments = 0;
        Map<String, Long> sentByTemplate = new TreeMap<>();
        List<String> statuses = List.of("SENT", "DELIVERED", "UNDELIVERED", "FAILED", "DEAD", "PENDING");
        for (Object[] r : rows) {
            long count = n(r[2]);
            queued += count;
            String status = "SENDING".equals(r[1]) ? "PENDING" : (String) r[1];
            byStatus[statuses.indexOf(status)] += count;
            segments += n(r[3]);
            if (List.of("SENT", "DELIVERED", "UNDELIVERED").contains(status)) {
                sentByTemplate.merge((String) r[0], count, Long::sum);
            }
        }
        return new SmsFigures(sms.enabled(), queued, byStatus[0] + byStatus[1] + byStatus[2], byStatus[1], byStatus[2],
                byStatus[3], byStatus[4], byStatus[5], segments, sentByTemplate);
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }
}
