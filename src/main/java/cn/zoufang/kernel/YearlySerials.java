package cn.zoufang.kernel;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The next number of a yearly series (ledger numbers, 督办单, 催办通知书): one atomic upsert, so two writers at
 * once never take the same number, and a number taken is never given again (a rolled-back write skips one).
 */
@ApplicationScoped
public class YearlySerials {

    public Uni<Integer> next(String series, int year) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                insert into yearly_serial (series, year, last_value) values (:series, :year, 1)
                on conflict (series, year) do update set last_value = yearly_serial.last_value + 1
                returning last_value""", Integer.class).setParameter("series", series).setParameter("year", year)
                .getSingleResult());
    }
}
