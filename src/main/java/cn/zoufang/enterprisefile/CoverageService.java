package cn.zoufang.enterprisefile;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.directory.Assignment;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.directory.IndustryChain;
import cn.zoufang.directory.ScaleCategory;
import cn.zoufang.directory.ServiceTier;
import cn.zoufang.enterprisefile.EnterpriseFileDtos.Coverage;
import cn.zoufang.enterprisefile.EnterpriseFileDtos.Idle;
import cn.zoufang.enterprisefile.EnterpriseFileDtos.Uncovered;
import cn.zoufang.kernel.Dates;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/**
 * Who the program misses: above-scale (四上) and key enterprises no group covers today, and assigned enterprises
 * no completed visit has reached for a number of months (none at all first); and, the other way round, the ones
 * it came to most often (无事不扰). For the office.
 */
@ApplicationScoped
@WithSession
public class CoverageService {

    static final int LIMIT = 1000;

    static final int MOST_VISITED = 20;

    /** Each enterprise assigned today with its last completed visit (an index lookup each), idle ones only. */
    private static final String IDLE = """
            select e.id, e.name, e.town, g.id, g.name, last.at from assignment a
            join enterprise e on e.id = a.enterprise_id
            join assistance_group g on g.id = a.group_id
            left join lateral (select max(v.completed_at) as at from visit v
                               where v.enterprise_id = e.id and v.status = 'COMPLETED') last on true
            where a.start_date <= :today and (a.end_date is null or a.end_date >= :today)
              and (last.at is null or last.at < :since)
            order by last.at nulls first, e.name, e.id""";

    private final Disturbances disturbances;
    private final Clock clock;

    public CoverageService(Disturbances disturbances, Clock clock) {
        this.disturbances = disturbances;
        this.clock = clock;
    }

    public Uni<Coverage> coverage(int idleMonths) {
        LocalDate today = Dates.today(clock);
        OffsetDateTime since = today.minusMonths(idleMonths).atStartOfDay(Dates.ZONE).toOffsetDateTime();
        return Enterprise.<Enterprise>find("from Enterprise e where (e.scaleCategoriesText is not null and e.scaleCategoriesText <> ''"
                + " or e.serviceTier = :key) and not exists (select 1 from Assignment a where a.enterpriseId = e.id and " + Assignment.IN_FORCE_TODAY + ")"
                + " order by e.name, e.id", Parameters.with("today", today).and("key", ServiceTier.KEY))
                .range(0, LIMIT).list()
                .flatMap(uncovered -> Panache.getSession().flatMap(s -> s.createNativeQuery(IDLE, Object[].class)
                        .setParameter("today", today).setParameter("since", since).setMaxResults(LIMIT + 1).getResultList())
                        .flatMap(idle -> disturbances.most(MOST_VISITED).map(most -> new Coverage(Dates.now(clock), idleMonths,
                                uncovered.stream().limit(LIMIT).map(CoverageService::uncovered).toList(),
                                uncovered.size() > LIMIT,
                                idle.stream().limit(LIMIT).map(r -> new Idle((UUID) r[0], (String) r[1], (String) r[2],
                                        (UUID) r[3], (String) r[4], (OffsetDateTime) r[5])).toList(),
                                idle.size() > LIMIT, most))));
    }

    private static Uncovered uncovered(Enterprise e) {
        IndustryChain chain = e.industryChain;
        return new Uncovered(e.id, e.name, e.town, chain == null ? null : chain.label(),
                e.scaleCategories.stream().map(ScaleCategory::label).toList(), e.serviceTier, e.serviceTier.label());
    }
}
