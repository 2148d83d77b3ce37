package cn.zoufang.enterprisefile;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.enterprisefile.EnterpriseFileDtos.Disturbance;
import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * 无事不扰: how often the government came to an enterprise in the last twelve months — completed visits (any
 * group's), the desk's contacts (issues it registered for it) and surveys it answered (its ratings of visits and
 * of answers). One definition, for the file and the office's list of the most visited; the office's only.
 */
@ApplicationScoped
@WithSession
public class Disturbances {

    static final int MONTHS = 12;

    private static final String COUNTS = """
            select x.enterprise_id, e.name, e.town, sum(x.v), sum(x.d), sum(x.s) from (
                select enterprise_id, 1 v, 0 d, 0 s from visit where status = 'COMPLETED' and check_in_at >= :since
                union all select enterprise_id, 0, 1, 0 from issue where source = 'DESK' and created_at >= :since
                union all select v.enterprise_id, 0, 0, 1 from visit_rating r join visit v on v.id = r.visit_id
                    where r.rated_at >= :since
                union all select enterprise_id, 0, 0, 1 from issue where rating is not null and closed_at >= :since
            ) x join enterprise e on e.id = x.enterprise_id
            """;

    private final Clock clock;
    private final java.time.Duration mostMaxAge;
    /** The zone-wide list is a scan of a year of visits and issues: kept a while, as the office reads it. */
    private volatile Most most;

    private record Most(OffsetDateTime at, int limit, List<Disturbance> rows) {
    }

    public Disturbances(Clock clock,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "zoufang.coverage.most-visited-max-age",
                    defaultValue = "PT10M") java.time.Duration mostMaxAge) {
        this.clock = clock;
        this.mostMaxAge = mostMaxAge;
    }

    OffsetDateTime since() {
        return Dates.today(clock).minusMonths(MONTHS).atStartOfDay(Dates.ZONE).toOffsetDateTime();
    }

    /** One enterprise's counts (zeros when nobody came). */
    public Uni<Disturbance> of(UUID enterpriseId) {
        OffsetDateTime since = since();
        return query(COUNTS + " where x.enterprise_id = :id group by x.enterprise_id, e.name, e.town", since, 1, enterpriseId)
                .map(rows -> rows.isEmpty() ? new Disturbance(enterpriseId, null, null, since, 0, 0, 0, 0) : rows.get(0));
    }

    /** The enterprises the government came to most often, most first (at most {@code mostMaxAge} old). */
    public Uni<List<Disturbance>> most(int limit) {
        OffsetDateTime now = Dates.now(clock);
        Most kept = most;
        if (kept != null && kept.limit() == limit && Dates.fresh(kept.at(), mostMaxAge, now)) {
            return Uni.createFrom().item(kept.rows());
        }
        return query(COUNTS + " group by x.enterprise_id, e.name, e.town order by sum(x.v + x.d + x.s) desc, e.name",
                since(), limit, null).invoke(rows -> most = new Most(now, limit, rows));
    }

    private static Uni<List<Disturbance>> query(String sql, OffsetDateTime since, int limit, UUID id) {
        return Panache.getSession().flatMap(s -> {
            var q = s.createNativeQuery(sql, Object[].class).setParameter("since", since).setMaxResults(limit);
            if (id != null) {
                q.setParameter("id", id);
            }
            return q.getResultList();
        }).map(rows -> rows.stream().map(r -> {
            long visits = ((Number) r[3]).longValue();
            long desk = ((Number) r[4]).longValue();
            long surveys = ((Number) r[5]).longValue();
            return new Disturbance((UUID) r[0], (String) r[1], (String) r[2], since, visits, desk, surveys,
                    visits + desk + surveys);
        }).toList());
    }
}
