package cn.zoufang.visit;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.AssistanceGroup;
import cn.zoufang.directory.Enterprise;
import cn.zoufang.directory.EnterpriseService;
import cn.zoufang.directory.GroupService;
import cn.zoufang.directory.ServiceTiers;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Scope;
import cn.zoufang.kernel.CoordinateSystem;
import cn.zoufang.kernel.Dates;
import cn.zoufang.visit.VisitDtos.CheckIn;
import cn.zoufang.visit.VisitDtos.CheckInView;
import cn.zoufang.visit.VisitDtos.Completion;
import cn.zoufang.visit.VisitDtos.EnterpriseConfirmation;
import cn.zoufang.visit.VisitDtos.GapEnterprise;
import cn.zoufang.visit.VisitDtos.LinkedIssue;
import cn.zoufang.visit.VisitDtos.NewVisit;
import cn.zoufang.visit.VisitDtos.Person;
import cn.zoufang.visit.VisitDtos.VisitDetail;
import cn.zoufang.visit.VisitDtos.VisitGaps;
import cn.zoufang.visit.VisitDtos.VisitView;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Page;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class VisitService {

    private final Scope scope;
    private final EnterpriseService enterprises;
    private final GroupService groups;
    private final CheckInRules rules;
    private final AuditLog audit;
    private final VisitCodes codes;
    private final ServiceTiers tiers;

    private final Clock clock;

    public VisitService(Scope scope, EnterpriseService enterprises, GroupService groups, CheckInRules rules,
            AuditLog audit, VisitCodes codes, ServiceTiers tiers, Clock clock) {
        this.clock = clock;
        this.tiers = tiers;
        this.codes = codes;
        this.scope = scope;
        this.enterprises = enterprises;
        this.groups = groups;
        this.rules = rules;
        this.audit = audit;
    }

    /** A created visit, and whether this request created it (false: a retry of the same create). */
    public record Created(VisitView view, boolean isNew) {
    }

    public record Filter(boolean mine, UUID groupId, UUID enterpriseId, VisitStatus status, LocalDate from,
            LocalDate to) {
    }

    @WithTransaction
    public Uni<Created> create(Caller caller, NewVisit in) {
        // A visit is planned, or recorded after the fact, within a year of today: a date further off is a typo
        // that would sit in every group member's lists.
        LocalDate today = Dates.today(clock);
        if (in.plannedDate().isBefore(today.minusYears(1)) || in.plannedDate().isAfter(today.plusYears(1))) {
            throw ApiException.invalidField("plannedDate", FieldCode.RANGE, "走访日期应在今天前后一年之内");
        }
        return Visit.<Visit>findById(in.id()).flatMap(existing -> {
            if (existing != null) {
                if (!existing.createdBy.equals(caller.id()) || !sameRequest(existing, in)) {
                    throw new ApiException(ErrorCode.CONFLICT, "该走访 id 已用于另一次走访");
                }
                return view(caller, existing).map(v -> new Created(v, false));
            }
            return enterprises.findVisible(caller, in.enterpriseId())
                    .flatMap(e -> visitingGroup(caller, e.id))
                    .flatMap(groupId -> {
                        Set<UUID> people = new LinkedHashSet<>();
                        people.add(caller.id());
                        if (in.participantIds() != null) {
                            people.addAll(in.participantIds());
                        }
                        return requireMembers(groupId, in.participantIds())
                                .chain(() -> requireIssues(in))
                                .chain(() -> {
                            OffsetDateTime now = Dates.now(clock);
                            Visit v = new Visit();
                            v.id = in.id();
                            v.enterpriseId = in.enterpriseId();
                            v.groupId = groupId;
                            v.kind = in.kind();
                            v.status = VisitStatus.PLANNED;
                            v.plannedDate = in.plannedDate();
                            v.purpose = trim(in.purpose());
                            v.createdBy = caller.id();
                            v.createdAt = now;
                            v.updatedAt = now;
                            List<VisitParticipant> rows = people.stream().map(p -> VisitParticipant.of(v.id, p)).toList();
                            return v.persist()
                                    .chain(() -> VisitParticipant.persist(rows))
                                    .chain(() -> Panache.flush())
                                    .chain(() -> linkIssues(v.id, in.issueIds()))
                                    .chain(() -> audit.record(Entry.by(caller, "VISIT_CREATE", "VISIT", v.id)))
                                    .chain(() -> view(caller, v))
                                    .map(view -> new Created(view, true));
                        });
                    });
        });
    }

    @WithTransaction
    public Uni<VisitView> checkIn(Caller caller, UUID id, String ifMatch, CheckIn in) {
        return writable(caller, id, ifMatch, VisitWorkflow.CHECK_IN).flatMap(v -> Enterprise.<Enterprise>findById(v.enterpriseId)
                .flatMap(e -> {
                    // Judged in WGS-84, where the enterprise's position is kept.
                    boolean located = in.latitude() != null && in.longitude() != null;
                    CoordinateSystem system = CoordinateSystem.orDefault(in.coordinateSystem());
                    CoordinateSystem.Position at = located ? system.toWgs84(in.latitude(), in.longitude()) : null;
                    Double lat = at == null ? null : at.latitude();
                    Double lng = at == null ? null : at.longitude();
                    CheckInRules.Outcome outcome = rules.judge(lat, lng, in.accuracyMeters(), in.source(), e.latitude,
                            e.longitude);
                    v.checkInAt = Dates.now(clock);
                    v.checkInDeviceTime = in.deviceTime();
                    v.checkInLatitude = lat;
                    v.checkInLongitude = lng;
                    v.checkInCoordinateSystem = located ? system : null;
                    v.checkInAccuracyMeters = in.accuracyMeters();
                    v.checkInSource = in.source();
                    v.checkInDistanceMeters = outcome.distanceMeters() == null ? null
                            : Math.round(outcome.distanceMeters() * 10) / 10.0;
                    v.checkInVerdict = outcome.verdict();
                    v.outOfRangeReason = trim(in.outOfRangeReason());
                    v.status = VisitStatus.CHECKED_IN;
                    return save(caller, v, "VISIT_CHECK_IN", outcome.verdict().name());
                }));
    }

    /**
     * The enterprise confirms the visit: the code its app showed, scanned by the official's phone (maybe
     * offline, sent later). Checked as of the scan; a code of another enterprise, an expired or a used one
     * is refused (422) and nothing changes.
     */
    @WithTransaction
    public Uni<VisitView> confirmByEnterprise(Caller caller, UUID id, String ifMatch, EnterpriseConfirmation in) {
        return writable(caller, id, ifMatch, VisitWorkflow.CONFIRM_BY_ENTERPRISE).flatMap(v -> {
            VisitCodes.Verified code = codes.verify(in.code(), in.scannedAt());
            if (!code.enterpriseId().equals(v.enterpriseId)) {
                throw VisitCodes.invalid("这是另一家企业的确认码，请扫描本次走访企业的确认码");
            }
            if (v.enterpriseCodeId != null) {
                throw new ApiException(ErrorCode.INVALID_STATE, "本次走访已由企业确认");
            }
            v.enterpriseConfirmedAt = in.scannedAt();
            v.enterpriseCodeId = code.codeId();
            return save(caller, v, "VISIT_ENTERPRISE_CONFIRM", null)
                    .onFailure().transform(f -> Conflicts.translate(f, "visit_enterprise_code_id_key",
                            VisitCodes.invalid("该确认码已用于其他走访，请企业刷新后重新扫码")));
        });
    }

    @WithTransaction
    public Uni<VisitView> checkOut(Caller caller, UUID id, String ifMatch) {
        return writable(caller, id, ifMatch, VisitWorkflow.CHECK_OUT).flatMap(v -> {
            if (v.checkOutAt != null) {
                throw new ApiException(ErrorCode.INVALID_STATE, "已于 " + v.checkOutAt + " 签退");
            }
            stampCheckOut(v);
            return save(caller, v, "VISIT_CHECK_OUT", null);
        });
    }

    @WithTransaction
    public Uni<VisitView> complete(Caller caller, UUID id, String ifMatch, Completion in) {
        return writable(caller, id, ifMatch, VisitWorkflow.COMPLETE).flatMap(v -> {
            String reason = in.outOfRangeReason() != null ? trim(in.outOfRangeReason()) : v.outOfRangeReason;
            if (v.checkInVerdict == CheckInVerdict.OUT_OF_RANGE && (reason == null || reason.isEmpty())) {
                throw ApiException.invalidField("outOfRangeReason", FieldCode.INVALID,
                        "签到位置超出范围，请说明原因");
            }
            v.outOfRangeReason = reason;
            v.findings = in.findings().trim();
            v.situation = trim(in.situation());
            v.needs = trim(in.needs());
            if (v.checkOutAt == null) {
                stampCheckOut(v);
            }
            v.status = VisitStatus.COMPLETED;
            v.completedAt = Dates.now(clock);
            return save(caller, v, "VISIT_COMPLETE", null);
        });
    }

    @WithTransaction
    public Uni<VisitView> cancel(Caller caller, UUID id, String ifMatch, String reason) {
        return writable(caller, id, ifMatch, VisitWorkflow.CANCEL).flatMap(v -> {
            v.status = VisitStatus.CANCELLED;
            v.cancelReason = reason.trim();
            return save(caller, v, "VISIT_CANCEL", null);
        });
    }

    public Uni<VisitView> get(Caller caller, UUID id) {
        return findVisible(caller, id).flatMap(v -> view(caller, v));
    }

    /** The visit if the caller may see it; otherwise 404, exactly as if it did not exist. */
    public Uni<Visit> findVisible(Caller caller, UUID id) {
        Scope.Clause visible = scope.visits(caller, "v");
        Map<String, Object> params = visible.into(new HashMap<>());
        params.put("id", id);
        return Visit.<Visit>find("from Visit v where v.id = :id and " + visible.hql(), params).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("走访记录"));
    }

    public Uni<Page<VisitView>> list(Caller caller, Filter f, String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 2);
        Scope.Clause visible = scope.visits(caller, "v");
        StringBuilder hql = new StringBuilder("from Visit v where ").append(visible.hql());
        Map<String, Object> params = visible.into(new HashMap<>());
        if (f.mine()) {
            hql.append(" and v.id in (select p.visitId from VisitParticipant p where p.accountId = :me)");
            params.put("me", caller.id());
        }
        if (f.groupId() != null) {
            hql.append(" and v.groupId = :groupId");
            params.put("groupId", f.groupId());
        }
        if (f.enterpriseId() != null) {
            hql.append(" and v.enterpriseId = :enterpriseId");
            params.put("enterpriseId", f.enterpriseId());
        }
        if (f.status() != null) {
            hql.append(" and v.status = :status");
            params.put("status", f.status());
        }
        if (f.from() != null) {
            hql.append(" and v.plannedDate >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            hql.append(" and v.plannedDate <= :to");
            params.put("to", f.to());
        }
        if (cursor != null) {
            hql.append(" and (v.plannedDate < :afterDate or (v.plannedDate = :afterDate and v.id < :afterId))");
            params.put("afterDate", cursor.date(0));
            params.put("afterId", cursor.uuid(1));
        }
        hql.append(" order by v.plannedDate desc, v.id desc");
        return Visit.<Visit>find(hql.toString(), params).range(0, limit).list()
                .flatMap(rows -> views(caller, rows.subList(0, Math.min(limit, rows.size())))
                        .map(views -> {
                            Map<UUID, VisitView> byId = views.stream().collect(Collectors.toMap(VisitView::id, x -> x));
                            return Page.of(rows, limit, v -> byId.get(v.id),
                                    v -> Cursor.of(v.plannedDate.toString(), v.id.toString()));
                        }));
    }

    /** The group's assigned enterprises whose tier's visit cadence has run out, as of the month's end or today. */
    public Uni<VisitGaps> gaps(Caller caller, UUID groupId, YearMonth month) {
        return groups.findVisible(caller, groupId).flatMap(g -> gapEnterprises(g.id, month)
                .map(list -> new VisitGaps(g.id, month.toString(), asOf(month), list)));
    }

    /** The day a month's gaps are judged on: its last day, or today while it runs. */
    private LocalDate asOf(YearMonth month) {
        LocalDate today = Dates.today(clock);
        return month.atEndOfMonth().isBefore(today) ? month.atEndOfMonth() : today;
    }

    /**
     * The group's assigned enterprises not visited within their tier's cadence (a key enterprise monthly, an
     * ordinary one quarterly, as the office sets): the last completed visit by the group, counted from its
     * check-in day, is at least {@code cadenceDays} old on the day judged, or there is none. No scope check.
     */
    public Uni<List<GapEnterprise>> gapEnterprises(UUID groupId, YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate asOf = asOf(month);
        if (asOf.isBefore(first)) {
            return Uni.createFrom().item(List.of());
        }
        OffsetDateTime start = first.atStartOfDay(Dates.ZONE).toOffsetDateTime();
        OffsetDateTime end = asOf.plusDays(1).atStartOfDay(Dates.ZONE).toOffsetDateTime();
        return Enterprise.<Enterprise>list("""
                id in (select a.enterpriseId from Assignment a where a.groupId = ?1
                       and a.startDate <= ?2 and (a.endDate is null or a.endDate >= ?3))
                order by name, id""", groupId, asOf, first)
                .flatMap(assigned -> tiers.rules().flatMap(rules -> lastVisits(groupId, end)
                        .flatMap(last -> completedCounts(groupId, start, end).map(counts -> assigned.stream()
                                .map(e -> {
                                    int cadence = rules.get(e.serviceTier).cadenceDays;
                                    OffsetDateTime lastAt = last.get(e.id);
                                    LocalDate lastOn = lastAt == null ? null : lastAt.atZoneSameInstant(Dates.ZONE).toLocalDate();
                                    LocalDate due = lastOn == null ? null : lastOn.plusDays(cadence);
                                    return due != null && due.isAfter(asOf) ? null
                                            : new GapEnterprise(e.id, e.name, e.town, counts.getOrDefault(e.id, 0L),
                                                    e.serviceTier, e.serviceTier.label(), cadence, lastOn, due);
                                })
                                .filter(Objects::nonNull)
                                .toList()))));
    }

    private Uni<Map<UUID, OffsetDateTime>> lastVisits(UUID groupId, OffsetDateTime before) {
        return Visit.getSession().flatMap(s -> s.createSelectionQuery("""
                select v.enterpriseId, max(v.checkInAt) from Visit v where v.groupId = :g and v.status = :done
                and v.checkInAt < :before group by v.enterpriseId""", Object[].class)
                .setParameter("g", groupId).setParameter("done", VisitStatus.COMPLETED)
                .setParameter("before", before).getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> (OffsetDateTime) r[1])));
    }

    private Uni<Map<UUID, Long>> completedCounts(UUID groupId, OffsetDateTime start, OffsetDateTime end) {
        // A visit counts in the month it happened: the server's check-in time, not the plan.
        return Visit.getSession().flatMap(s -> s.createSelectionQuery("""
                select v.enterpriseId, count(v) from Visit v where v.groupId = :g and v.status = :done
                and v.checkInAt >= :start and v.checkInAt < :end group by v.enterpriseId""", Object[].class)
                .setParameter("g", groupId).setParameter("done", VisitStatus.COMPLETED)
                .setParameter("start", start).setParameter("end", end).getResultList())
                .map(rows -> rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> (Long) r[1])));
    }

    /** The visit for this step: in the caller's scope, at the version they saw, in a state the step starts from. */
    private Uni<Visit> writable(Caller caller, UUID id, String ifMatch, VisitWorkflow step) {
        Scope.Clause writes = scope.visitWrites(caller, "v");
        Map<String, Object> params = writes.into(new HashMap<>());
        params.put("id", id);
        return Visit.<Visit>find("from Visit v where v.id = :id and " + writes.hql(), params).firstResult()
                .onItem().ifNull().failWith(() -> ApiException.notFound("走访记录"))
                .map(v -> {
                    Preconditions.requireMatch(ifMatch, v.version);
                    if (!step.allowedFrom(v.status)) {
                        throw new ApiException(ErrorCode.INVALID_STATE, "走访当前为“" + v.status.label() + "”，不能"
                                + step.label());
                    }
                    return v;
                });
    }

    private Uni<VisitView> save(Caller caller, Visit v, String action, String detail) {
        v.updatedAt = Dates.now(clock);
        return Panache.flush()
                .chain(() -> audit.record(Entry.by(caller, action, "VISIT", v.id).detail(detail)))
                .chain(() -> view(caller, v));
    }

    private void stampCheckOut(Visit v) {
        v.checkOutAt = Dates.now(clock);
        v.minutesOnSite = (int) Math.max(0, Duration.between(v.checkInAt, v.checkOutAt).toMinutes());
    }

    /** The group through which the caller visits this enterprise: its current assignment, if the caller is in it. */
    private Uni<UUID> visitingGroup(Caller caller, UUID enterpriseId) {
        LocalDate today = Dates.today(clock);
        return Visit.getSession().flatMap(s -> s.createSelectionQuery("""
                select a.groupId from Assignment a, GroupMember m where a.enterpriseId = :e and m.groupId = a.groupId
                and m.accountId = :me and a.startDate <= :today and (a.endDate is null or a.endDate >= :today)""",
                UUID.class).setParameter("e", enterpriseId).setParameter("me", caller.id())
                .setParameter("today", today).getResultList())
                .map(groups -> {
                    if (groups.isEmpty()) {
                        throw ApiException.notFound("企业");
                    }
                    return groups.get(0);
                });
    }

    private static Uni<Void> requireMembers(UUID groupId, List<UUID> participants) {
        if (participants == null || participants.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Visit.getSession().flatMap(s -> s.createSelectionQuery(
                "select m.accountId from GroupMember m where m.groupId = :g and m.accountId in :ids", UUID.class)
                .setParameter("g", groupId).setParameter("ids", participants).getResultList())
                .map(found -> {
                    for (int i = 0; i < participants.size(); i++) {
                        if (!found.contains(participants.get(i))) {
                            throw ApiException.invalidField("participantIds[" + i + "]", FieldCode.INVALID,
                                    "参与人须为本小组成员");
                        }
                    }
                    return null;
                });
    }

    /** Issues go with follow-up visits only, and only the visited enterprise's own. */
    private static Uni<Void> requireIssues(NewVisit in) {
        List<UUID> ids = in.issueIds() == null ? List.of() : in.issueIds();
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (in.kind() != VisitKind.FOLLOW_UP) {
            throw ApiException.invalidField("issueIds", FieldCode.INVALID, "只有回访可以关联诉求");
        }
        return Visit.getSession().flatMap(s -> s.createNativeQuery(
                "select id from issue where id in (:ids) and enterprise_id = :e", UUID.class)
                .setParameter("ids", ids).setParameter("e", in.enterpriseId()).getResultList())
                .map(found -> {
                    for (int i = 0; i < ids.size(); i++) {
                        if (!found.contains(ids.get(i))) {
                            throw ApiException.invalidField("issueIds[" + i + "]", FieldCode.INVALID,
                                    "诉求不存在或不是该企业的诉求");
                        }
                    }
                    return null;
                });
    }

    private static Uni<Void> linkIssues(UUID visitId, List<UUID> issueIds) {
        if (issueIds == null || issueIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Visit.getSession().flatMap(s -> s.createNativeQuery(
                "insert into visit_issue (visit_id, issue_id) select :v, id from issue where id in (:ids)")
                .setParameter("v", visitId).setParameter("ids", new LinkedHashSet<>(issueIds)).executeUpdate())
                .replaceWithVoid();
    }

    private Uni<VisitView> view(Caller caller, Visit v) {
        return views(caller, List.of(v)).map(list -> list.get(0));
    }

    /** Views of several visits with a fixed number of queries, whatever their count. */
    public Uni<List<VisitView>> views(Caller caller, List<Visit> visits) {
        if (visits.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<UUID> visitIds = visits.stream().map(v -> v.id).collect(Collectors.toSet());
        Set<UUID> enterpriseIds = visits.stream().map(v -> v.enterpriseId).collect(Collectors.toSet());
        Set<UUID> groupIds = visits.stream().map(v -> v.groupId).collect(Collectors.toSet());
        return Visit.getSession().flatMap(s -> s.createSelectionQuery(
                        "select m.groupId from GroupMember m where m.accountId = :me", UUID.class)
                        .setParameter("me", caller.id()).getResultList()
                .flatMap(myGroups -> Enterprise.<Enterprise>list("id in ?1", enterpriseIds)
                .flatMap(es -> AssistanceGroup.<AssistanceGroup>list("id in ?1", groupIds)
                .flatMap(gs -> s.createSelectionQuery("""
                        select p.visitId, a.id, a.displayName from VisitParticipant p, Account a
                        where a.id = p.accountId and p.visitId in :ids order by a.displayName""", Object[].class)
                        .setParameter("ids", visitIds).getResultList()
                .flatMap(participants -> s.createNativeQuery("""
                        select vi.visit_id, i.id, i.ledger_no, i.title, i.status from visit_issue vi
                        join issue i on i.id = vi.issue_id where vi.visit_id in (:ids) order by i.ledger_no""", Object[].class)
                        .setParameter("ids", visitIds).getResultList()
                .flatMap(linked -> Account.<Account>list("id in ?1",
                        visits.stream().map(v -> v.createdBy).collect(Collectors.toSet()))
                .map(creators -> {
                    Map<UUID, String> enterpriseNames = es.stream().collect(Collectors.toMap(e -> e.id, e -> e.name));
                    Map<UUID, String> groupNames = gs.stream().collect(Collectors.toMap(g -> g.id, g -> g.name));
                    Map<UUID, Person> people = creators.stream()
                            .collect(Collectors.toMap(a -> a.id, a -> new Person(a.id, a.displayName)));
                    Map<UUID, List<Person>> byVisit = new HashMap<>();
                    for (Object[] r : participants) {
                        byVisit.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new Person((UUID) r[1], (String) r[2]));
                    }
                    Map<UUID, List<LinkedIssue>> issuesByVisit = new HashMap<>();
                    for (Object[] r : linked) {
                        issuesByVisit.computeIfAbsent((UUID) r[0], k -> new ArrayList<>())
                                .add(new LinkedIssue((UUID) r[1], (String) r[2], (String) r[3], (String) r[4]));
                    }
                    Set<UUID> mine = new HashSet<>(myGroups);
                    return visits.stream().map(v -> toView(v, enterpriseNames.get(v.enterpriseId), groupNames.get(v.groupId),
                            scope.seesVisitDetail(caller, mine.contains(v.groupId))
                                    ? detail(v, people.get(v.createdBy), byVisit.getOrDefault(v.id, List.of()),
                                            issuesByVisit.getOrDefault(v.id, List.of()))
                                    : null)).toList();
                })))))));
    }

    private static VisitView toView(Visit v, String enterpriseName, String groupName, VisitDetail detail) {
        CheckInVerdict verdict = detail == null ? null : v.checkInVerdict;
        return new VisitView(v.id, v.enterpriseId, enterpriseName, v.groupId, groupName, v.kind, v.kind.label(),
                v.status, v.status.label(), v.plannedDate, verdict, verdict == null ? null : verdict.label(),
                v.enterpriseConfirmedAt != null, v.enterpriseConfirmedAt, v.completedAt, v.version, detail);
    }

    private static VisitDetail detail(Visit v, Person creator, List<Person> participants, List<LinkedIssue> issues) {
        CheckInView checkIn = v.checkInAt == null ? null : new CheckInView(v.checkInAt, v.checkInDeviceTime,
                v.checkInLatitude, v.checkInLongitude, v.checkInCoordinateSystem,
                v.checkInCoordinateSystem == null ? null : v.checkInCoordinateSystem.label(), v.checkInAccuracyMeters,
                v.checkInSource,
                v.checkInSource == null ? null : v.checkInSource.label(), v.checkInDistanceMeters, v.checkInVerdict,
                v.checkInVerdict.label(), v.outOfRangeReason);
        return new VisitDetail(v.purpose, creator, participants, issues, checkIn, v.checkOutAt, v.minutesOnSite, v.findings,
                v.situation, v.needs, v.cancelReason);
    }

    private static boolean sameRequest(Visit v, NewVisit in) {
        return v.enterpriseId.equals(in.enterpriseId()) && v.kind == in.kind() && v.plannedDate.equals(in.plannedDate())
                && Objects.equals(v.purpose, trim(in.purpose()));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }


}
