package cn.zoufang.ledger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.IssueDtos.AssistOpinion;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueDtos.Ref;
import cn.zoufang.ledger.IssueDtos.TimelineEntry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * What callers read of issues: their views and timelines, in few queries whatever their number. The
 * enterprise's side of the ledger leaves out internal notes, who inside the government acted, the
 * assisting opinions, and an answer the desk has not yet released.
 */
@ApplicationScoped
public class IssueViews {

    private final WorkCalendar calendar;
    private final Clock clock;

    public IssueViews(WorkCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /** The enterprise's side of the ledger: no internal notes, no government staff. */
    public static boolean isEnterpriseView(Caller caller) {
        return caller.hasAny(Role.ENTERPRISE_CONTACT) && !caller.hasAny(Role.OFFICE, Role.ADMIN, Role.ENTERPRISE_DESK,
                Role.OFFICIAL, Role.GROUP_LEADER, Role.DEPARTMENT_HANDLER);
    }

    public Uni<IssueView> view(Caller caller, Issue i) {
        return views(caller, List.of(i)).map(list -> list.get(0));
    }

    public Uni<List<IssueView>> views(Caller caller, List<Issue> issues) {
        if (issues.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // The names a page shows (enterprises, categories, lead and assisting departments) in one round trip:
        // a ledger page is read far more often than anything else, and four small queries cost more than one.
        Set<UUID> leads = issues.stream().map(i -> i.leadDepartmentId).filter(Objects::nonNull).collect(Collectors.toSet());
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                select 'A', x.issue_id::text, x.department_id::text, d.name, x.due_date::text, x.opinion,
                       to_char(x.opinion_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || 'Z'
                  from issue_assist x join department d on d.id = x.department_id where x.issue_id in (:issues)
                union all select 'E', e.id::text, null, e.name, null, null, null from enterprise e where e.id in (:enterprises)
                union all select 'C', c.code, null, c.name, null, null, null from issue_category c where c.code in (:categories)
                union all select 'D', d.id::text, null, d.name, null, null, null from department d where d.id in (:leads)""",
                Object[].class)
                .setParameter("issues", issues.stream().map(i -> i.id).collect(Collectors.toSet()))
                .setParameter("enterprises", issues.stream().map(i -> i.enterpriseId).collect(Collectors.toSet()))
                .setParameter("categories", issues.stream().map(i -> i.categoryCode).collect(Collectors.toSet()))
                // "in ()" is not SQL: without lead departments, an id that matches nothing.
                .setParameter("leads", leads.isEmpty() ? Set.of(new UUID(0, 0)) : leads)
                .getResultList())
                .map(rows -> {
                    Names names = new Names(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
                    for (Object[] r : rows) {
                        String key = (String) r[1];
                        switch ((String) r[0]) {
                            case "A" -> names.assists().computeIfAbsent(UUID.fromString(key), k -> new ArrayList<>())
                                    .add(new Assist(new Ref(UUID.fromString((String) r[2]), (String) r[3]),
                                            r[4] == null ? null : LocalDate.parse((String) r[4]), (String) r[5],
                                            r[6] == null ? null : OffsetDateTime.parse((String) r[6])));
                            case "E" -> names.enterprises().put(key, (String) r[3]);
                            case "C" -> names.categories().put(key, (String) r[3]);
                            default -> names.departments().put(key, (String) r[3]);
                        }
                    }
                    names.assists().values().forEach(list -> list.sort(Comparator.comparing(a -> a.department().name())));
                    LocalDate today = Dates.today(clock);
                    boolean internal = !isEnterpriseView(caller);
                    return issues.stream().map(i -> toView(i, internal, names, today)).toList();
                });
    }

    private record Assist(Ref department, LocalDate dueDate, String opinion, OffsetDateTime filedAt) {
    }

    private record Names(Map<String, String> enterprises, Map<String, String> categories,
            Map<String, String> departments, Map<UUID, List<Assist>> assists) {
    }

    private IssueView toView(Issue i, boolean internal, Names names, LocalDate today) {
        // Only issues a department is working on run against the clock.
        boolean running = Deadlines.running(i);
        Stage stage = running ? calendar.stage(i.dueDate, today) : null;
        Integer late = running ? calendar.days().daysOverdue(i.dueDate, today) : null;
        // The countdown a desk shows: working days after today up to the deadline; negative once past it.
        Integer left = !running ? null : today.isAfter(i.dueDate) ? -late : calendar.days().between(today, i.dueDate);
        Ref lead = i.leadDepartmentId == null ? null
                : new Ref(i.leadDepartmentId, names.departments().get(i.leadDepartmentId.toString()));
        List<Assist> assists = names.assists().getOrDefault(i.id, List.of());
        // An answer under the desk's review does not exist yet for the enterprise.
        boolean answerShown = internal || i.status != IssueStatus.AWAITING_RELEASE;
        IssueStatus status = internal ? i.status : IssueWorkflow.seenByEnterprise(i.status);
        List<AssistOpinion> opinions = !internal ? List.of() : assists.stream().map(a -> {
            Stage s = Deadlines.opinionAwaited(i, a.filedAt(), a.dueDate()) ? calendar.stage(a.dueDate(), today) : null;
            return new AssistOpinion(a.department(), a.dueDate(), s, s == null ? null : s.label(), a.opinion(),
                    a.filedAt());
        }).toList();
        return new IssueView(i.id, i.ledgerNo, i.enterpriseId, names.enterprises().get(i.enterpriseId.toString()),
                i.source, i.source.label(), i.categoryCode, names.categories().get(i.categoryCode), i.urgent, i.title,
                i.description, status, status.label(), lead, assists.stream().map(Assist::department).toList(),
                i.forwardedAt, i.dueDate, stage, stage == null ? null : stage.label(), late, left,
                answerShown ? i.response : null, answerShown ? i.resolution : null,
                answerShown && i.resolution != null ? i.resolution.label() : null, answerShown ? i.respondedAt : null,
                i.rating, i.satisfied, i.closeReason, i.closeReason == null ? null : i.closeReason.label(), i.closedAt,
                i.duplicateOf, i.supervised, internal ? i.supervisionNote : null,
                internal ? i.extensionRequestedDays : null, internal ? i.extensionReason : null, opinions, i.pausedAt,
                i.pausedWorkingDays, i.createdAt, internal ? i.projectId : null, i.version);
    }

    /** The histories of several issues the caller sees, with two queries whatever their count. */
    public Uni<Map<UUID, List<TimelineEntry>>> timelines(Caller caller, List<UUID> issueIds) {
        boolean enterpriseView = isEnterpriseView(caller);
        if (issueIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return IssueEvent.<IssueEvent>list("issueId in ?1 order by id", issueIds)
                .flatMap(events -> Account.<Account>list("id in ?1",
                        events.stream().map(e -> e.actorId).collect(Collectors.toSet()))
                        .map(accounts -> {
                            Map<UUID, Account> byId = accounts.stream().collect(Collectors.toMap(a -> a.id, a -> a));
                            Map<UUID, List<TimelineEntry>> byIssue = new HashMap<>();
                            issueIds.forEach(id -> byIssue.put(id, new ArrayList<>()));
                            events.stream().filter(e -> !enterpriseView || IssueWorkflow.enterpriseSees(e))
                                    .forEach(e -> byIssue.get(e.issueId).add(entry(e, byId.get(e.actorId), enterpriseView)));
                            return byIssue;
                        }));
    }

    private static TimelineEntry entry(IssueEvent e, Account actor, boolean enterpriseView) {
        boolean ownSide = actor != null && actor.roles.contains(Role.ENTERPRISE_CONTACT);
        Ref who = enterpriseView && !ownSide ? null : actor == null ? null : new Ref(actor.id, actor.displayName);
        String role = actor == null ? null : ownSide ? Role.ENTERPRISE_CONTACT.label()
                : actor.roles.stream().sorted().findFirst().map(Role::label).orElse(null);
        String text = enterpriseView && e.internal ? null : e.text;
        IssueStatus from = enterpriseView && e.fromStatus != null ? IssueWorkflow.seenByEnterprise(e.fromStatus)
                : e.fromStatus;
        IssueStatus to = enterpriseView ? IssueWorkflow.seenByEnterprise(e.toStatus) : e.toStatus;
        return new TimelineEntry(e.occurredAt, e.action, e.action.label(), from, to, to.label(), who, role, text,
                e.photoId);
    }
}
