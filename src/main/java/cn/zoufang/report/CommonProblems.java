package cn.zoufang.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.directory.IndustryChain;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.IssueStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * 以企观政: the same category of problem raised in the same industry chain (or town) by several enterprises in
 * a window is one 共性问题 for the office, its issues linked, so that one policy answer can close many.
 * Duplicates and the ledger items of meetings' decisions are left out (they repeat problems already counted).
 */
@ApplicationScoped
@WithSession
public class CommonProblems {

    /** At most this many common problems, and this many issues listed under each. */
    static final int PROBLEMS = 50;
    static final int ISSUES_EACH = 100;

    public enum By {
        CHAIN("e.industry_chain"), TOWN("e.town");

        final String column;

        By(String column) {
            this.column = column;
        }
    }

    public record Linked(UUID id, String ledgerNo, String title, String enterpriseName, String status, String statusLabel,
            OffsetDateTime registeredAt) {
    }

    public record CommonProblem(String category, String categoryName, String by, String key, String name,
            long enterprises, long issues, long open, List<Linked> linked) {
    }

    public record Result(LocalDate from, LocalDate to, String by, int minEnterprises, List<CommonProblem> problems) {
    }

    /** Issues registered from {@code from} to {@code to} (China dates, both included). */
    public Uni<Result> find(LocalDate from, LocalDate to, By by, int minEnterprises) {
        String sql = """
                with w as (
                    select i.id, i.ledger_no, i.title, i.status, i.created_at, i.category_code, c.name cname,
                           e.id ent, e.name ename, %s k
                    from issue i join enterprise e on e.id = i.enterprise_id join issue_category c on c.code = i.category_code
                    where i.created_at >= :from and i.created_at < :to and i.source <> 'DECISION'
                      and i.close_reason is distinct from 'DUPLICATE' and %s is not null
                ), g as (
                    select category_code, k, count(distinct ent) enterprises from w group by category_code, k
                    having count(distinct ent) >= :min order by count(distinct ent) desc, category_code, k limit :problems
                )
                select w.category_code, w.cname, w.k, g.enterprises, w.id, w.ledger_no, w.title, w.ename, w.status, w.created_at
                from w join g on g.category_code = w.category_code and g.k = w.k
                order by g.enterprises desc, w.category_code, w.k, w.created_at""".formatted(by.column, by.column);
        return Panache.getSession().flatMap(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("from", from.atStartOfDay(Dates.ZONE).toOffsetDateTime())
                .setParameter("to", to.plusDays(1).atStartOfDay(Dates.ZONE).toOffsetDateTime())
                .setParameter("min", minEnterprises).setParameter("problems", PROBLEMS).getResultList())
                .map(rows -> {
                    Map<String, List<Object[]>> grouped = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        grouped.computeIfAbsent(r[0] + "\u0000" + r[2], k -> new ArrayList<>()).add(r);
                    }
                    List<CommonProblem> problems = new ArrayList<>();
                    for (List<Object[]> g : grouped.values()) {
                        Object[] first = g.get(0);
                        String key = (String) first[2];
                        List<Linked> linked = g.stream().limit(ISSUES_EACH).map(r -> {
                            IssueStatus st = IssueStatus.valueOf((String) r[8]);
                            return new Linked((UUID) r[4], (String) r[5], (String) r[6], (String) r[7], st.name(), st.label(),
                                    Dates.inChina((OffsetDateTime) r[9]));
                        }).toList();
                        long open = g.stream().filter(r -> !IssueStatus.CLOSED.name().equals(r[8])).count();
                        problems.add(new CommonProblem((String) first[0], (String) first[1], by.name(), key,
                                by == By.CHAIN ? IndustryChain.valueOf(key).label() : key, ((Number) first[3]).longValue(),
                                g.size(), open, linked));
                    }
                    return new Result(from, to, by.name(), minEnterprises, problems);
                });
    }
}
