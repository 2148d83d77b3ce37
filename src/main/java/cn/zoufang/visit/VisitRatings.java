package cn.zoufang.visit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.visit.VisitDtos.NewVisitRating;
import cn.zoufang.visit.VisitDtos.RatedVisit;
import cn.zoufang.visit.VisitDtos.VisitRatingView;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The enterprise rates a visit to it once it is completed. The rating is the enterprise's word to the
 * office: the group never reads it one by one, only the month's mean (see the metric dictionary).
 */
@ApplicationScoped
@WithSession
public class VisitRatings {

    private final VisitService visits;
    private final AuditLog audit;
    private final Clock clock;

    public VisitRatings(VisitService visits, AuditLog audit, Clock clock) {
        this.visits = visits;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<VisitRatingView> rate(Caller caller, UUID visitId, NewVisitRating in) {
        return visits.findVisible(caller, visitId).flatMap(v -> {
            if (v.status != VisitStatus.COMPLETED) {
                throw new ApiException(ErrorCode.INVALID_STATE, "走访完成后才能评价");
            }
            return VisitRating.<VisitRating>findById(v.id).flatMap(existing -> {
                if (existing != null) {
                    throw new ApiException(ErrorCode.INVALID_STATE, "已评价过本次走访");
                }
                VisitRating r = new VisitRating();
                r.visitId = v.id;
                r.score = in.score().shortValue();
                r.comment = in.comment() == null || in.comment().isBlank() ? null : in.comment().trim();
                r.ratedBy = caller.id();
                r.ratedAt = Dates.now(clock);
                return r.persistAndFlush()
                        .onFailure().transform(f -> Conflicts.translate(f, "visit_rating_pkey",
                                new ApiException(ErrorCode.INVALID_STATE, "已评价过本次走访")))
                        .chain(() -> audit.record(Entry.by(caller, "VISIT_RATE", "VISIT", v.id).detail(String.valueOf(r.score))))
                        .map(x -> view(r));
            });
        });
    }

    /** For the office, the admin and the enterprise that gave it; 404 when the visit has none. */
    public Uni<VisitRatingView> get(Caller caller, UUID visitId) {
        return visits.findVisible(caller, visitId)
                .flatMap(v -> VisitRating.<VisitRating>findById(v.id))
                .onItem().ifNull().failWith(() -> ApiException.notFound("走访评价"))
                .map(VisitRatings::view);
    }

    /** The office's list: the ratings given in a month, newest first. */
    /** The scores an enterprise gave its visits since a time: when, and the score (1–5). Who may read them is the caller's to decide. */
    public Uni<List<Object[]>> scoresSince(UUID enterpriseId, OffsetDateTime since) {
        return VisitRating.getSession().flatMap(session -> session.createSelectionQuery("select r.ratedAt, r.score"
                + " from VisitRating r, Visit v where v.id = r.visitId and v.enterpriseId = :id and r.ratedAt >= :since",
                Object[].class).setParameter("id", enterpriseId).setParameter("since", since).getResultList());
    }

    public Uni<Page<RatedVisit>> list(YearMonth month, String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 2);
        StringBuilder hql = new StringBuilder("""
                select r, v, e.name, g.name from VisitRating r, Visit v, Enterprise e, AssistanceGroup g
                where v.id = r.visitId and e.id = v.enterpriseId and g.id = v.groupId
                and r.ratedAt >= :start and r.ratedAt < :end""");
        Map<String, Object> params = new HashMap<>();
        params.put("start", month.atDay(1).atStartOfDay(Dates.ZONE).toOffsetDateTime());
        params.put("end", month.plusMonths(1).atDay(1).atStartOfDay(Dates.ZONE).toOffsetDateTime());
        if (cursor != null) {
            hql.append(" and (r.ratedAt < :afterTime or (r.ratedAt = :afterTime and r.visitId < :afterId))");
            params.put("afterTime", cursor.time(0));
            params.put("afterId", cursor.uuid(1));
        }
        hql.append(" order by r.ratedAt desc, r.visitId desc");
        return VisitRating.getSession().flatMap(s -> {
            var query = s.createSelectionQuery(hql.toString(), Object[].class);
            params.forEach(query::setParameter);
            return query.setMaxResults(limit + 1).getResultList();
        }).map(rows -> Page.of(rows, limit, row -> {
            VisitRating r = (VisitRating) row[0];
            Visit v = (Visit) row[1];
            return new RatedVisit(v.id, v.enterpriseId, (String) row[2], v.groupId, (String) row[3], v.plannedDate,
                    r.score, r.comment, r.ratedAt);
        }, row -> Cursor.of(((VisitRating) row[0]).ratedAt.toString(), ((VisitRating) row[0]).visitId.toString())));
    }

    private static VisitRatingView view(VisitRating r) {
        return new VisitRatingView(r.visitId, r.score, r.comment, r.ratedAt);
    }
}
