package cn.zoufang.assessment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.assessment.AssessmentDtos.Assessment;
import cn.zoufang.assessment.AssessmentDtos.Indicator;
import cn.zoufang.assessment.AssessmentDtos.IndicatorView;
import cn.zoufang.assessment.AssessmentDtos.Scheme;
import cn.zoufang.assessment.AssessmentDtos.SchemeInput;
import cn.zoufang.assessment.AssessmentDtos.Standing;
import cn.zoufang.assessment.AssessmentDtos.Status;
import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.report.Dimension;
import cn.zoufang.report.Figures;
import cn.zoufang.report.MetricDictionary;
import cn.zoufang.report.MetricDictionary.Metric;
import cn.zoufang.report.Metrics;
import cn.zoufang.report.Metrics.OfficialRow;
import cn.zoufang.report.Period;
import cn.zoufang.report.PeriodFigures;
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
 * 绩效考核: the year's scheme (versioned: a change adds a version) and each period's assessment, computed
 * from the period's kept figures. Publishing keeps the assessment exactly as it stands, so a late correction
 * of the data, a new dictionary version or a new scheme version never changes a published score.
 */
@ApplicationScoped
@WithSession
public class AssessmentService {

    /** The indicators as stored: one list per dimension (none for officials in schemes saved before they were scored). */
    record Indicators(List<Indicator> groups, List<Indicator> departments, List<Indicator> officials) {

        Indicators {
            officials = officials == null ? List.of() : officials;
        }
    }

    private record StoredScheme(int year, int version, String title, Indicators indicators,
            java.time.OffsetDateTime createdAt) {
    }

    private final Metrics metrics;
    private final MetricDictionary dictionary;
    private final ObjectMapper json;
    private final AuditLog audit;
    private final Clock clock;

    public AssessmentService(Metrics metrics, MetricDictionary dictionary, ObjectMapper json, AuditLog audit, Clock clock) {
        this.metrics = metrics;
        this.dictionary = dictionary;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /** The year's scheme in force (its latest version). */
    public Uni<Scheme> scheme(int year) {
        return latest(year).map(s -> {
            if (s == null) {
                throw ApiException.notFound(year + " 年度考核方案");
            }
            return view(s);
        });
    }

    /**
     * Adds a version of the year's scheme. The first needs no If-Match; a later one the current version's
     * ETag, so that two people editing the scheme do not overwrite each other unseen.
     */
    @WithTransaction
    public Uni<Scheme> save(Caller caller, int year, String ifMatch, SchemeInput in) {
        validate(in);
        Indicators indicators = new Indicators(normalized(in.groups()), normalized(in.departments()),
                normalized(in.officials()));
        return latest(year).flatMap(current -> {
            int version = current == null ? 1 : current.version() + 1;
            if (current != null) {
                Preconditions.requireMatch(ifMatch, current.version());
            }
            return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                    insert into assessment_scheme (year, version, title, indicators, created_at, created_by)
                    values (:year, :version, :title, :indicators, :now, :by) on conflict do nothing""")
                    .setParameter("year", year).setParameter("version", version).setParameter("title", in.title().trim())
                    .setParameter("indicators", write(indicators)).setParameter("now", Dates.now(clock))
                    .setParameter("by", caller.id()).executeUpdate())
                    .flatMap(inserted -> {
                        if (inserted == 0) {
                            // Someone else added this version a moment ago.
                            throw new ApiException(ErrorCode.PRECONDITION_FAILED, "考核方案刚被他人修改，请刷新后重试");
                        }
                        return audit.record(Entry.by(caller, "ASSESSMENT_SCHEME_SAVE", "ASSESSMENT_SCHEME", year)
                                .detail(year + " 年度第 " + version + " 版：" + in.title().trim()));
                    })
                    .chain(() -> latest(year)).map(this::view);
        });
    }

    /** The period's assessment: the published one as it was published, or a draft computed now. */
    public Uni<Assessment> assessment(Period period) {
        return assessment(period, true);
    }

    /**
     * The same; a draft ranks officials only when {@code officials} (their figures are computed on each read,
     * and a 通报 never names them).
     */
    public Uni<Assessment> assessment(Period period, boolean officials) {
        return published(period).flatMap(p -> p != null ? Uni.createFrom().item(p) : draft(period, officials));
    }

    /** Publishes a closed period's assessment under the scheme in force: once, and for good. */
    @WithTransaction
    public Uni<Assessment> publish(Caller caller, Period period) {
        return published(period).flatMap(existing -> {
            if (existing != null) {
                throw new ApiException(ErrorCode.CONFLICT, period.label() + "的考核结果已于 "
                        + existing.publishedAt().atZoneSameInstant(Dates.ZONE).toLocalDate() + " 发布，不能再次发布");
            }
            return draft(period, true);
        }).flatMap(draft -> {
            if (!draft.complete()) {
                throw new ApiException(ErrorCode.INVALID_STATE, period.label() + "尚未结束，考核结果不能发布");
            }
            var now = Dates.inChina(Dates.now(clock));
            Assessment result = new Assessment(draft.period(), draft.label(), Status.PUBLISHED, Status.PUBLISHED.label(),
                    draft.schemeYear(), draft.schemeVersion(), draft.schemeTitle(), draft.dictionaryVersion(),
                    draft.asOf(), true, now, draft.groupIndicators(), draft.departmentIndicators(),
                    draft.officialIndicators(), draft.groups(), draft.departments(), draft.officials());
            return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                    insert into assessment_result (period, scheme_year, scheme_version, dictionary_version, result,
                                                   published_at, published_by)
                    values (:period, :year, :version, :dictionary, :result, :now, :by) on conflict do nothing""")
                    .setParameter("period", period.toString()).setParameter("year", result.schemeYear())
                    .setParameter("version", result.schemeVersion()).setParameter("dictionary", result.dictionaryVersion())
                    .setParameter("result", write(result)).setParameter("now", now).setParameter("by", caller.id())
                    .executeUpdate())
                    .flatMap(inserted -> {
                        if (inserted == 0) {
                            throw new ApiException(ErrorCode.CONFLICT, period.label() + "的考核结果刚由他人发布");
                        }
                        return audit.record(Entry.by(caller, "ASSESSMENT_PUBLISH", "ASSESSMENT", period)
                                .detail(period.label() + "，方案第 " + result.schemeVersion() + " 版"));
                    })
                    .replaceWith(result);
        });
    }

    private Uni<Assessment> draft(Period period, boolean withOfficials) {
        return latest(period.year()).flatMap(scheme -> {
            if (scheme == null) {
                throw ApiException.notFound(period.year() + " 年度考核方案");
            }
            Uni<List<OfficialRow>> officials = !withOfficials || scheme.indicators().officials().isEmpty()
                    ? Uni.createFrom().item(List.of()) : metrics.officials(period);
            return metrics.period(period).flatMap(figures -> officials.map(o -> compute(period, scheme, figures, o)));
        });
    }

    private Assessment compute(Period period, StoredScheme scheme, PeriodFigures figures, List<OfficialRow> officials) {
        Scheme view = view(scheme);
        Map<String, String> groupsOf = new HashMap<>();
        officials.forEach(o -> groupsOf.put(o.key(), o.groups()));
        List<Standing> officialStandings = Scoring.standings(scheme.indicators().officials(),
                officials.stream().map(OfficialRow::row).toList(), Scoring.OFFICIAL_TAKES_PART).stream()
                .map(s -> new Standing(s.key(), s.name(), groupsOf.get(s.key()), s.rank(), s.total(), s.scores())).toList();
        return new Assessment(period.toString(), period.label(), Status.DRAFT, Status.DRAFT.label(), scheme.year(),
                scheme.version(), scheme.title(), figures.dictionaryVersion(), figures.asOf(), figures.complete(), null,
                view.groups(), view.departments(), view.officials(),
                Scoring.standings(scheme.indicators().groups(), figures.groups(), Scoring.GROUP_TAKES_PART),
                Scoring.standings(scheme.indicators().departments(), figures.departments(), Scoring.DEPARTMENT_TAKES_PART),
                officialStandings);
    }

    private Uni<Assessment> published(Period period) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select result from assessment_result where period = :p", String.class)
                .setParameter("p", period.toString()).getResultList())
                .map(rows -> rows.isEmpty() ? null : read(rows.get(0), Assessment.class));
    }

    private Uni<StoredScheme> latest(int year) {
        return Panache.getSession().flatMap(s -> {
            Mutiny.SelectionQuery<Object[]> q = s.createNativeQuery("""
                    select version, title, indicators, created_at from assessment_scheme
                    where year = :year order by version desc limit 1""", Object[].class);
            return q.setParameter("year", year).getResultList();
        }).map(rows -> rows.isEmpty() ? null : new StoredScheme(year, ((Number) rows.get(0)[0]).intValue(),
                (String) rows.get(0)[1], read((String) rows.get(0)[2], Indicators.class),
                Dates.inChina((java.time.OffsetDateTime) rows.get(0)[3])));
    }

    // ---- validation ------------------------------------------------------------------------------

    /**
     * Every metric of the dictionary for its dimension, once; weights adding up to 100; each rule's own figure.
     * The officials' list may be empty (officials are then not scored).
     */
    void validate(SchemeInput in) {
        List<FieldError> errors = new ArrayList<>();
        check("groups", in.groups(), Dimension.GROUP, dictionary, errors);
        check("departments", in.departments(), Dimension.DEPARTMENT, dictionary, errors);
        if (!in.officials().isEmpty()) {
            check("officials", in.officials(), Dimension.OFFICIAL, dictionary, errors);
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, errors.get(0).message(), errors);
        }
    }

    private static void check(String list, List<Indicator> indicators, Dimension dimension, MetricDictionary dictionary,
            List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        double total = 0;
        for (int i = 0; i < indicators.size(); i++) {
            Indicator in = indicators.get(i);
            String at = list + "[" + i + "].";
            Metric m = dictionary.metric(in.metric().trim()).orElse(null);
            if (m == null || !Figures.has(m.key()) || !m.dimensions().contains(dimension)) {
                errors.add(new FieldError(at + "metric", FieldCode.INVALID, "指标 " + in.metric().trim() + " 不存在或不能用于"
                        + dimension.label()));
            } else if (!seen.add(m.key())) {
                errors.add(new FieldError(at + "metric", FieldCode.INVALID, "指标 " + m.name() + " 重复"));
            }
            if (in.rule() == ScoringRule.DEDUCT && in.perUnit() == null) {
                errors.add(new FieldError(at + "perUnit", FieldCode.REQUIRED, "扣分计分须填写每件扣分"));
            }
            if (in.rule() != ScoringRule.DEDUCT && in.perUnit() != null) {
                errors.add(new FieldError(at + "perUnit", FieldCode.INVALID, "只有扣分计分填写每件扣分"));
            }
            if (in.rule() != ScoringRule.RATE && in.target() != null) {
                errors.add(new FieldError(at + "target", FieldCode.INVALID, "只有达标计分填写目标值"));
            }
            total += in.weight();
        }
        if (Math.abs(total - 100) > 0.001) {
            errors.add(new FieldError(list, FieldCode.INVALID, dimension.label() + "各项指标的权重之和应为 100（现为 "
                    + Math.round(total * 100) / 100.0 + "）"));
        }
    }

    private static List<Indicator> normalized(List<Indicator> in) {
        return in.stream().map(i -> new Indicator(i.metric().trim(), i.weight(), i.rule(),
                i.rule() == ScoringRule.RATE && i.target() == null ? Double.valueOf(1) : i.target(), i.perUnit())).toList();
    }

    // ---- views and storage -----------------------------------------------------------------------

    private Scheme view(StoredScheme s) {
        return new Scheme(s.year(), s.version(), s.title(), views(s.indicators().groups()),
                views(s.indicators().departments()), views(s.indicators().officials()), s.createdAt());
    }

    private List<IndicatorView> views(List<Indicator> indicators) {
        return indicators.stream().map(i -> new IndicatorView(i.metric(), dictionary.name(i.metric()),
                i.weight(), i.rule(), i.rule().label(), i.target(), i.perUnit())).toList();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored assessment data is unreadable", e);
        }
    }
}
