package cn.zoufang.ledger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.kernel.Dates;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueWorkflow.Audience;
import cn.zoufang.ledger.IssueWorkflow.Facts;
import cn.zoufang.ledger.IssueWorkflow.Guard;
import cn.zoufang.ledger.IssueWorkflow.Notice;
import cn.zoufang.ledger.IssueWorkflow.Party;
import cn.zoufang.ledger.IssueWorkflow.Rule;
import cn.zoufang.ledger.IssueWorkflow.Visibility;
import cn.zoufang.notify.Notifier;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Executes a step of {@link IssueWorkflow}, in the one order of every workflow (issues, visits, reports):
 * the issue exists in the caller's scope (else 404), If-Match (428/412: a stale replay is 412 whatever
 * the step), then the table — the step from this state, by the caller's part, under its guards (else 409
 * INVALID_TRANSITION). Then the step's own change, its event(s), its notices and the audit entry, in the
 * caller's transaction.
 */
@ApplicationScoped
public class IssueSteps {

    private final IssueQueries queries;
    private final IssueViews views;
    private final WorkCalendar calendar;
    private final LedgerConfig config;
    private final AuditLog audit;
    private final Notifier notifier;
    private final Clock clock;

    public IssueSteps(IssueQueries queries, IssueViews views, WorkCalendar calendar, LedgerConfig config, AuditLog audit,
            Notifier notifier, Clock clock) {
        this.queries = queries;
        this.views = views;
        this.calendar = calendar;
        this.config = config;
        this.audit = audit;
        this.notifier = notifier;
        this.clock = clock;
    }

    /**
     * What a step writes into the history: its event's action (usually the step's own) and text, an event
     * recorded just before it (built with the state it held), and for a resumption the days it credited.
     */
    public record Step(IssueAction event, String text, IssueEvent earlier, Integer pausedWorkingDays) {
        public Step(IssueAction event, String text) {
            this(event, text, null, null);
        }
    }

    /** The issue as the step found it, and the caller's department's assisting row, if it assists. */
    public record Context(Issue issue, IssueAssist ownAssist) {
    }

    /** A step whose event is the step itself, with this text. */
    public Uni<IssueView> run(Caller caller, UUID id, String ifMatch, IssueAction action,
            Function<Context, Uni<String>> change) {
        return runSteps(caller, id, ifMatch, action, c -> change.apply(c).map(text -> new Step(action, text)));
    }

    /** A step that says which event(s) record it. */
    public Uni<IssueView> runSteps(Caller caller, UUID id, String ifMatch, IssueAction action,
            Function<Context, Uni<Step>> change) {
        Rule rule = IssueWorkflow.rule(action);
        return queries.findVisible(caller, id).invoke(i -> Preconditions.requireMatch(ifMatch, i.version))
                .flatMap(i -> context(caller, i, rule)).flatMap(c -> {
                    Issue i = c.issue();
                    IssueStatus before = i.status;
                    return change.apply(c).flatMap(step -> {
                        if (!rule.to().contains(i.status)) {
                            throw new IllegalStateException(action + " led to " + i.status + ", not in its rule");
                        }
                        i.updatedAt = Dates.now(clock);
                        boolean internal = rule.visibility() != Visibility.PUBLIC;
                        // The issue's row first, then its events: an event's foreign key locks the issue's row
                        // too, and two actions that each held that lock before updating the row deadlocked
                        // instead of one getting 412.
                        return Panache.flush()
                                .chain(() -> step.earlier() == null ? Uni.createFrom().voidItem()
                                        : step.earlier().persist().replaceWithVoid())
                                .chain(() -> {
                                    IssueEvent e = newEvent(caller, i, step.event(), before, step.text(), internal);
                                    e.pausedWorkingDays = step.pausedWorkingDays();
                                    return e.persist();
                                })
                                .chain(() -> Panache.flush())
                                .chain(() -> notices(caller, rule, i))
                                .chain(() -> audit.record(Entry.by(caller, "ISSUE_" + action.name(), "ISSUE", i.id)))
                                .chain(() -> views.view(caller, i));
                    });
                });
    }

    /** What the table needs to judge any step of this issue for this caller: their parts, and the facts. */
    private record Standing(Set<Party> parties, IssueAssist ownAssist, Facts facts) {
    }

    private Uni<Standing> standing(Caller caller, Issue i, boolean needsReturns) {
        Uni<UUID> department = caller.hasAny(Role.DEPARTMENT_HANDLER)
                ? Account.<Account>findById(caller.id()).map(a -> a == null ? null : a.departmentId)
                : Uni.createFrom().nullItem();
        return department.flatMap(d -> IssueAssist.<IssueAssist>list("issueId", i.id).flatMap(assists -> {
            IssueAssist own = assists.stream().filter(a -> a.departmentId.equals(d)).findFirst().orElse(null);
            Set<Party> parties = IssueWorkflow.parties(caller, i, d,
                    assists.stream().map(a -> a.departmentId).collect(Collectors.toSet()));
            Uni<Boolean> returnedBefore = needsReturns && i.leadDepartmentId != null
                    ? returnedBefore(i.id, i.leadDepartmentId) : Uni.createFrom().item(false);
            return returnedBefore.map(returned -> new Standing(parties, own,
                    new Facts(i, Dates.today(clock), calendar.days(), config, returned, own)));
        }));
    }

    /** Why the table refuses this step now, in words; null when it allows it. */
    private static String refusal(Rule rule, Issue i, Standing s) {
        if (!rule.from().contains(i.status)) {
            return "诉求当前为“" + i.status.label() + "”，不能" + rule.action().label();
        }
        if (s.parties().stream().noneMatch(rule.parties()::contains)) {
            return "只有" + rule.parties().stream().map(Party::label).collect(Collectors.joining("、")) + "可以办理“"
                    + rule.action().label() + "”";
        }
        for (Guard g : rule.guards()) {
            if (!g.holds(s.facts())) {
                return "办理“" + rule.action().label() + "”须满足：" + g.label();
            }
        }
        return null;
    }

    /** The table's verdict on this caller, this issue and this step (409 with the reason when it refuses). */
    private Uni<Context> context(Caller caller, Issue i, Rule rule) {
        return standing(caller, i, rule.guards().contains(Guard.FIRST_RETURN)).map(s -> {
            String refused = refusal(rule, i, s);
            if (refused != null) {
                throw new ApiException(ErrorCode.INVALID_TRANSITION, refused);
            }
            return new Context(i, s.ownAssist());
        });
    }

    /** The steps the caller may take on the issue now, in the table's order: what a page offers. */
    public Uni<List<Rule>> allowed(Caller caller, UUID id) {
        // Whether this department returned it before matters only where a step with that guard could apply.
        return queries.findVisible(caller, id).flatMap(i -> standing(caller, i, IssueWorkflow.rules().stream()
                .anyMatch(r -> r.from().contains(i.status) && r.guards().contains(Guard.FIRST_RETURN)))
                .map(s -> IssueWorkflow.rules().stream().filter(r -> refusal(r, i, s) == null).toList()));
    }

    private static Uni<Boolean> returnedBefore(UUID issueId, UUID departmentId) {
        return Panache.getSession().flatMap(s -> s.createNativeQuery(
                "select count(*) from issue_return where issue_id = :i and department_id = :d", Long.class)
                .setParameter("i", issueId).setParameter("d", departmentId).getSingleResult())
                .map(n -> n > 0);
    }

    /** The rule's notices for the state the step led into (the actor is not told of their own act). */
    private Uni<Void> notices(Caller caller, Rule rule, Issue i) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Notice n : rule.notices()) {
            if (n.into() != null && n.into() != i.status) {
                continue;
            }
            all = all.chain(() -> recipients(n.to(), i)).chain(r -> notifier.notify(
                    r.stream().filter(a -> !a.equals(caller.id())).distinct().toList(), n.type(), i.id, n.urgent()));
        }
        return all;
    }

    private Uni<List<UUID>> recipients(Set<Audience> audiences, Issue i) {
        return gather(audiences, a -> members(a, i));
    }

    /** The accounts each item names, one item after another: a reactive session runs one query at a time. */
    private static <T> Uni<List<UUID>> gather(Iterable<T> items, Function<T, Uni<List<UUID>>> accounts) {
        Uni<List<UUID>> all = Uni.createFrom().item(new ArrayList<>());
        for (T item : items) {
            all = all.flatMap(list -> accounts.apply(item).map(found -> {
                list.addAll(found);
                return list;
            }));
        }
        return all;
    }

    private Uni<List<UUID>> members(Audience a, Issue i) {
        return switch (a) {
            case LEAD -> i.leadDepartmentId == null ? Uni.createFrom().item(List.of())
                    : notifier.departmentHandlers(i.leadDepartmentId);
            case ASSISTING -> IssueAssist.<IssueAssist>list("issueId", i.id)
                    .flatMap(assists -> gather(assists, x -> notifier.departmentHandlers(x.departmentId)));
            case DESK -> notifier.withRole(Role.ENTERPRISE_DESK);
            case OFFICE -> notifier.withRole(Role.OFFICE);
            case ENTERPRISE -> notifier.enterpriseContacts(i.enterpriseId);
            case GROUP -> notifier.groupOf(i.enterpriseId, false);
            case GROUP_LEADER -> notifier.groupOf(i.enterpriseId, true);
        };
    }

    /** An accepted photo enters the issue's history; called inside the transaction that accepts it. */
    public Uni<Void> photoAdded(Caller caller, UUID issueId, UUID photoId) {
        return Issue.<Issue>findById(issueId).flatMap(i -> {
            IssueEvent e = newEvent(caller, i, IssueAction.ADD_PHOTO, i.status, null, false);
            e.photoId = photoId;
            return e.persist().replaceWithVoid();
        });
    }

    /** An event of the issue as it is now: the state and the deadline right after the step. */
    public IssueEvent newEvent(Caller caller, Issue i, IssueAction action, IssueStatus from, String text,
            boolean internal) {
        IssueEvent e = new IssueEvent();
        e.issueId = i.id;
        e.occurredAt = Dates.now(clock);
        // What held right after the step, so that reports can read any month's end from history alone.
        e.dueDate = i.dueDate;
        if (action == IssueAction.RESPOND || i.status == IssueStatus.CLOSED) {
            e.elapsedWorkingDays = calendar.days().between(i.createdAt.atZoneSameInstant(Dates.ZONE).toLocalDate(),
                    e.occurredAt.atZoneSameInstant(Dates.ZONE).toLocalDate());
        }
        if (action == IssueAction.CONFIRM) {
            e.rating = i.rating;
            e.satisfied = i.satisfied;
        }
        e.actorId = caller.id();
        e.actorRoles = caller.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        e.action = action;
        e.fromStatus = from;
        e.toStatus = i.status;
        e.text = text == null || text.isBlank() ? null : text.trim();
        e.internal = internal;
        return e;
    }
}
