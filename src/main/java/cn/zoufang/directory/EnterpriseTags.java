package cn.zoufang.directory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.EnterpriseDtos.EnterpriseView;
import cn.zoufang.directory.EnterpriseDtos.TagCount;
import cn.zoufang.directory.EnterpriseDtos.TagPlanInput;
import cn.zoufang.directory.EnterpriseDtos.TagYear;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.FieldError;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Free tags on enterprises (高新技术企业, 上市后备, 专精特新 …) and the plan's number for a tag in a year: the office
 * tags, and reads each tag's count against its plan. A tag is 1–30 characters without commas or line breaks.
 */
@ApplicationScoped
@WithSession
public class EnterpriseTags {

    static final int MAX_PER_ENTERPRISE = 20;

    private final EnterpriseService enterprises;
    private final AuditLog audit;
    private final Clock clock;

    public EnterpriseTags(EnterpriseService enterprises, AuditLog audit, Clock clock) {
        this.enterprises = enterprises;
        this.audit = audit;
        this.clock = clock;
    }

    /** Trimmed, without duplicates, in the order given; a bad one names its place ({@code field[i]}). */
    static List<String> clean(String field, List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String t = raw.get(i) == null ? "" : raw.get(i).trim();
            if (t.isEmpty() || t.length() > 30 || t.matches(".*[,，\\r\\n\\t].*")) {
                errors.add(new FieldError(field + "[" + i + "]", FieldCode.INVALID, "标签应为 1 到 30 个字，不含逗号和换行"));
            } else {
                out.add(t);
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, errors.get(0).message(), errors);
        }
        return List.copyOf(out);
    }

    /** Replaces the enterprise's tags (under If-Match); its version moves, so phones get it again. */
    @WithTransaction
    public Uni<EnterpriseView> replace(Caller caller, UUID id, String ifMatch, List<String> raw) {
        List<String> tags = clean("tags", raw);
        if (tags.size() > MAX_PER_ENTERPRISE) {
            throw ApiException.invalidField("tags", FieldCode.LENGTH, "一家企业最多 " + MAX_PER_ENTERPRISE + " 个标签");
        }
        return enterprises.findVisible(caller, id).flatMap(e -> {
            Preconditions.requireMatch(ifMatch, e.version);
            OffsetDateTime now = Dates.now(clock);
            e.updatedAt = now;
            return Panache.getSession().flatMap(s -> s.createNativeQuery(
                    "delete from enterprise_tag where enterprise_id = :e and tag <> all(cast(:tags as varchar[]))")
                    .setParameter("e", e.id).setParameter("tags", tags.toArray(String[]::new)).executeUpdate()
                    .chain(() -> tags.isEmpty() ? Uni.createFrom().item(0) : s.createNativeQuery("""
                            insert into enterprise_tag (enterprise_id, tag, tagged_at)
                            select :e, t, :now from unnest(cast(:tags as varchar[])) t on conflict do nothing""")
                            .setParameter("e", e.id).setParameter("now", now)
                            .setParameter("tags", tags.toArray(String[]::new)).executeUpdate()))
                    .chain(() -> Panache.flush())
                    .chain(() -> audit.record(Entry.by(caller, "ENTERPRISE_TAGS_SET", "ENTERPRISE", e.id)
                            .detail(String.join("、", tags))))
                    .chain(() -> enterprises.extras(List.of(e)))
                    .map(x -> x.view(e, false));
        });
    }

    /** Each tag in use or planned for {@code year}: how many enterprises carry it now, against the plan. */
    public Uni<TagYear> year(int year) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select tag, count(*) from enterprise_tag group by tag", Object[].class).getResultList()
                .flatMap(counts -> s.createNativeQuery("select tag, target from tag_plan where year = :y", Object[].class)
                        .setParameter("y", year).getResultList()
                        .map(plans -> {
                            Map<String, long[]> byTag = new TreeMap<>();
                            for (Object[] r : counts) {
                                byTag.computeIfAbsent((String) r[0], t -> new long[] { 0, -1 })[0] = ((Number) r[1]).longValue();
                            }
                            for (Object[] r : plans) {
                                byTag.computeIfAbsent((String) r[0], t -> new long[] { 0, -1 })[1] = ((Number) r[1]).longValue();
                            }
                            List<TagCount> out = new ArrayList<>();
                            byTag.forEach((tag, n) -> out.add(new TagCount(tag, n[0], n[1] < 0 ? null : n[1],
                                    n[1] <= 0 ? null : Math.round(n[0] * 1000.0 / n[1]) / 10.0)));
                            return new TagYear(year, out);
                        })));
    }

    /** Replaces the year's plan as a whole (a tag missing from it has no plan any more). */
    @WithTransaction
    public Uni<TagYear> replacePlan(Caller caller, int year, List<TagPlanInput> targets) {
        List<String> tags = clean("targets", targets.stream().map(TagPlanInput::tag).toList());
        if (tags.size() != targets.size()) {
            throw ApiException.invalidField("targets", FieldCode.INVALID, "同一标签只能有一个计划数");
        }
        Map<String, Integer> plan = new HashMap<>();
        for (TagPlanInput t : targets) {
            plan.put(t.tag().trim(), t.target());
        }
        OffsetDateTime now = Dates.now(clock);
        return Panache.getSession().flatMap(s -> s.createNativeQuery("delete from tag_plan where year = :y")
                .setParameter("y", year).executeUpdate()
                .chain(() -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Map.Entry<String, Integer> p : plan.entrySet()) {
                        chain = chain.chain(() -> s.createNativeQuery("""
                                insert into tag_plan (year, tag, target, set_by, set_at) values (:y, :t, :n, :by, :at)""")
                                .setParameter("y", year).setParameter("t", p.getKey()).setParameter("n", p.getValue())
                                .setParameter("by", caller.id()).setParameter("at", now).executeUpdate());
                    }
                    return chain;
                }))
                .chain(() -> audit.record(Entry.by(caller, "TAG_PLAN_SET", "TAG_PLAN", null)
                        .detail(year + ": " + plan)))
                .chain(() -> year(year));
    }
}
