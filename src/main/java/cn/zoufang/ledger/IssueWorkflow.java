package cn.zoufang.ledger;

import static cn.zoufang.ledger.IssueStatus.AWAITING_RELEASE;
import static cn.zoufang.ledger.IssueStatus.CLOSED;
import static cn.zoufang.ledger.IssueStatus.FORWARDED;
import static cn.zoufang.ledger.IssueStatus.IN_PROGRESS;
import static cn.zoufang.ledger.IssueStatus.REGISTERED;
import static cn.zoufang.ledger.IssueStatus.RESPONDED;
import static cn.zoufang.ledger.IssueStatus.RETURNED;
import static cn.zoufang.ledger.IssueStatus.SATISFIED;
import static cn.zoufang.ledger.IssueStatus.WAITING_FOR_ENTERPRISE;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.kernel.Dates;
import cn.zoufang.notify.NotificationType;

/**
 * The ledger's workflow as one table: for every step, the states it may start from, the states it may
 * lead to, who may take it (by their part in the issue), the named guards that must hold, whom it
 * notifies, and what the enterprise sees of it. {@link IssueSteps} executes it; the state-machine test
 * enumerates it and {@code mobile-contract/ledger.md} carries it as {@link #markdown()} renders it.
 */
public final class IssueWorkflow {

    /** A caller's part in an issue; scope has already decided that the caller sees it. */
    public enum Party {
        DESK("企情收处中心"),
        OFFICE("领导小组办公室"),
        GROUP("挂点帮扶组"),
        LEAD("牵头责任单位"),
        ASSISTING("协办单位"),
        CONTACT("企业联系人");

        private final String label;

        Party(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What a guard may read: the issue, the caller's department's part in it, and today. */
    public record Facts(Issue issue, LocalDate today, WorkingDays days, LedgerConfig config, boolean returnedBefore,
            IssueAssist ownAssist) {
    }

    /** A condition a step needs besides its state and the caller's part; each is defined here once. */
    public enum Guard {
        RETURN_WINDOW("转办后一个工作日内", f -> f.days().between(
                f.issue().forwardedAt.atZoneSameInstant(Dates.ZONE).toLocalDate(), f.today()) <= 1),
        FIRST_RETURN("每个单位只能退回一次", f -> !f.returnedBefore()),
        BEFORE_DEADLINE("期限届满前", f -> f.issue().dueDate != null && !f.today().isAfter(f.issue().dueDate)),
        NO_PENDING_EXTENSION("没有待审批的延期申请", f -> f.issue().extensionRequestedDays == null),
        EXTENSION_PENDING("有待审批的延期申请", f -> f.issue().extensionRequestedDays != null),
        CONFIRMATION_OVERDUE("企业逾期未评价答复（默认答复后 5 个工作日）", f -> f.days().between(
                f.issue().respondedAt.atZoneSameInstant(Dates.ZONE).toLocalDate(), f.today())
                >= f.config().confirmationWaitWorkingDays()),
        OPINION_NOT_FILED("本单位尚未提交协办意见", f -> f.ownAssist() != null && f.ownAssist().opinionAt == null);

        private final String label;
        private final Predicate<Facts> test;

        Guard(String label, Predicate<Facts> test) {
            this.label = label;
            this.test = test;
        }

        public String label() {
            return label;
        }

        public boolean holds(Facts facts) {
            return test.test(facts);
        }
    }

    /** Who hears of a step (never the one who took it). */
    public enum Audience {
        LEAD("牵头单位"), ASSISTING("协办单位"), DESK("企情收处中心"), OFFICE("领导小组办公室"), ENTERPRISE("企业"),
        GROUP("挂点帮扶组"), GROUP_LEADER("帮扶组组长");

        private final String label;

        Audience(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A notice sent when a step leads {@code into} a state (null: whichever of its targets). */
    public record Notice(IssueStatus into, NotificationType type, boolean urgent, Set<Audience> to) {
    }

    /** What the enterprise sees of a step: all of it, the step without its text, or nothing. */
    public enum Visibility {
        PUBLIC, NOTE_INTERNAL, HIDDEN
    }

    public record Rule(IssueAction action, String path, Set<IssueStatus> from, Set<IssueStatus> to, Set<Party> parties,
            List<Guard> guards, List<Notice> notices, Visibility visibility) {
    }

    /** Events that record something other than a step of this table. */
    public static final Set<IssueAction> NOT_STEPS = EnumSet.of(IssueAction.REGISTER, IssueAction.REOPEN,
            IssueAction.ADD_PHOTO);

    private static final Set<IssueStatus> OPEN = EnumSet.complementOf(EnumSet.of(CLOSED));
    /** Before the enterprise has an answer: it may still withdraw, the desk may still merge it. */
    private static final Set<IssueStatus> UNANSWERED = EnumSet.of(REGISTERED, FORWARDED, RETURNED, IN_PROGRESS,
            WAITING_FOR_ENTERPRISE, AWAITING_RELEASE);

    /** A department has it: forwarded, worked on, or waiting for the enterprise. */
    private static final Set<IssueStatus> WITH_A_DEPARTMENT = EnumSet.of(FORWARDED, IN_PROGRESS, WAITING_FOR_ENTERPRISE);

    private static final Map<IssueAction, Rule> RULES = new LinkedHashMap<>();

    static {
        rule(IssueAction.FORWARD, "forward", EnumSet.of(REGISTERED, RETURNED), EnumSet.of(FORWARDED),
                EnumSet.of(Party.DESK, Party.OFFICE, Party.GROUP), List.of(), List.of(
                        new Notice(null, NotificationType.ISSUE_FORWARDED, false, EnumSet.of(Audience.LEAD)),
                        new Notice(null, NotificationType.ASSIST_REQUESTED, false, EnumSet.of(Audience.ASSISTING))),
                Visibility.NOTE_INTERNAL);
        rule(IssueAction.ACCEPT, "accept", EnumSet.of(FORWARDED), EnumSet.of(IN_PROGRESS), EnumSet.of(Party.LEAD),
                List.of(), List.of(), Visibility.NOTE_INTERNAL);
        rule(IssueAction.RETURN, "return", EnumSet.of(FORWARDED), EnumSet.of(RETURNED), EnumSet.of(Party.LEAD),
                List.of(Guard.RETURN_WINDOW, Guard.FIRST_RETURN),
                List.of(new Notice(null, NotificationType.ISSUE_RETURNED, false, EnumSet.of(Audience.DESK))),
                Visibility.NOTE_INTERNAL);
        rule(IssueAction.INTERIM_REPLY, "interim-reply", Deadlines.RUNNING, Deadlines.RUNNING,
                EnumSet.of(Party.LEAD, Party.GROUP), List.of(),
                List.of(new Notice(null, NotificationType.ISSUE_PROGRESS, false, EnumSet.of(Audience.ENTERPRISE))),
                Visibility.PUBLIC);
        rule(IssueAction.ASSIST_OPINION, "assist-opinion", WITH_A_DEPARTMENT, WITH_A_DEPARTMENT, EnumSet.of(Party.ASSISTING),
                List.of(Guard.OPINION_NOT_FILED),
                List.of(new Notice(null, NotificationType.ASSIST_OPINION_FILED, false, EnumSet.of(Audience.LEAD))),
                Visibility.HIDDEN);
        rule(IssueAction.PAUSE, "pause", EnumSet.of(IN_PROGRESS), EnumSet.of(WAITING_FOR_ENTERPRISE), EnumSet.of(Party.LEAD),
                List.of(Guard.BEFORE_DEADLINE), List.of(new Notice(null, NotificationType.ISSUE_WAITING_FOR_ENTERPRISE,
                        false, EnumSet.of(Audience.ENTERPRISE))), Visibility.PUBLIC);
        rule(IssueAction.RESUME, "resume", EnumSet.of(WAITING_FOR_ENTERPRISE), EnumSet.of(IN_PROGRESS),
                EnumSet.of(Party.CONTACT, Party.DESK), List.of(),
                List.of(new Notice(null, NotificationType.ISSUE_RESUMED, false, EnumSet.of(Audience.LEAD))),
                Visibility.PUBLIC);
        rule(IssueAction.RESPOND, "respond", EnumSet.of(IN_PROGRESS), EnumSet.of(RESPONDED, AWAITING_RELEASE),
                EnumSet.of(Party.LEAD), List.of(), List.of(
                        new Notice(RESPONDED, NotificationType.ISSUE_ANSWERED, false,
                                EnumSet.of(Audience.ENTERPRISE, Audience.GROUP)),
                        new Notice(AWAITING_RELEASE, NotificationType.ANSWER_TO_RELEASE, false, EnumSet.of(Audience.DESK))),
                Visibility.PUBLIC);
        rule(IssueAction.RELEASE, "release", EnumSet.of(AWAITING_RELEASE), EnumSet.of(RESPONDED), EnumSet.of(Party.DESK),
                List.of(), List.of(new Notice(null, NotificationType.ISSUE_ANSWERED, false,
                        EnumSet.of(Audience.ENTERPRISE, Audience.GROUP, Audience.LEAD))), Visibility.PUBLIC);
        rule(IssueAction.SEND_BACK, "send-back", EnumSet.of(AWAITING_RELEASE), EnumSet.of(IN_PROGRESS),
                EnumSet.of(Party.DESK), List.of(),
                List.of(new Notice(null, NotificationType.ANSWER_SENT_BACK, false, EnumSet.of(Audience.LEAD))),
                Visibility.HIDDEN);
        rule(IssueAction.CONFIRM, "confirm", EnumSet.of(RESPONDED), EnumSet.of(SATISFIED, IN_PROGRESS),
                EnumSet.of(Party.CONTACT), List.of(), List.of(new Notice(IN_PROGRESS, NotificationType.ISSUE_REOPENED,
                        false, EnumSet.of(Audience.LEAD, Audience.OFFICE))), Visibility.PUBLIC);
        rule(IssueAction.CLOSE_OUT, "close-out", EnumSet.of(SATISFIED), EnumSet.of(CLOSED),
                EnumSet.of(Party.DESK, Party.OFFICE, Party.GROUP), List.of(),
                List.of(new Notice(null, NotificationType.ISSUE_CLOSED, false, EnumSet.of(Audience.ENTERPRISE))),
                Visibility.PUBLIC);
        rule(IssueAction.WITHDRAW, "withdraw", UNANSWERED, EnumSet.of(CLOSED), EnumSet.of(Party.CONTACT), List.of(),
                List.of(), Visibility.PUBLIC);
        rule(IssueAction.REQUEST_EXTENSION, "extension-request", Deadlines.RUNNING, Deadlines.RUNNING,
                EnumSet.of(Party.LEAD), List.of(Guard.BEFORE_DEADLINE, Guard.NO_PENDING_EXTENSION), List.of(),
                Visibility.NOTE_INTERNAL);
        rule(IssueAction.DECIDE_EXTENSION, "extension-decision", WITH_A_DEPARTMENT, WITH_A_DEPARTMENT, EnumSet.of(Party.OFFICE),
                List.of(Guard.EXTENSION_PENDING),
                List.of(new Notice(null, NotificationType.EXTENSION_DECIDED, false, EnumSet.of(Audience.LEAD))),
                Visibility.NOTE_INTERNAL);
        rule(IssueAction.SUPERVISE, "supervise", OPEN, OPEN, EnumSet.of(Party.OFFICE), List.of(),
                List.of(new Notice(null, NotificationType.ISSUE_SUPERVISED, true,
                        EnumSet.of(Audience.LEAD, Audience.GROUP_LEADER))), Visibility.NOTE_INTERNAL);
        rule(IssueAction.MARK_DUPLICATE, "duplicate", EnumSet.of(REGISTERED, RETURNED, FORWARDED, IN_PROGRESS,
                WAITING_FOR_ENTERPRISE), EnumSet.of(CLOSED), EnumSet.of(Party.DESK, Party.OFFICE), List.of(),
                List.of(new Notice(null, NotificationType.ISSUE_CLOSED, false, EnumSet.of(Audience.ENTERPRISE))),
                Visibility.PUBLIC);
        rule(IssueAction.CLOSE_WITHOUT_CONFIRMATION, "close-without-confirmation", EnumSet.of(RESPONDED),
                EnumSet.of(CLOSED), EnumSet.of(Party.OFFICE), List.of(Guard.CONFIRMATION_OVERDUE),
                List.of(new Notice(null, NotificationType.ISSUE_CLOSED, false, EnumSet.of(Audience.ENTERPRISE))),
                Visibility.PUBLIC);
    }

    private static void rule(IssueAction action, String path, Set<IssueStatus> from, Set<IssueStatus> to,
            Set<Party> parties, List<Guard> guards, List<Notice> notices, Visibility visibility) {
        RULES.put(action, new Rule(action, path, Collections.unmodifiableSet(EnumSet.copyOf(from)),
                Collections.unmodifiableSet(EnumSet.copyOf(to)), Collections.unmodifiableSet(EnumSet.copyOf(parties)),
                guards, notices, visibility));
    }

    private IssueWorkflow() {
    }

    /** Every step, in the order of the contract's table. */
    public static List<Rule> rules() {
        return List.copyOf(RULES.values());
    }

    public static Rule rule(IssueAction action) {
        Rule r = RULES.get(action);
        if (r == null) {
            throw new IllegalArgumentException(action + " is not a step of the workflow");
        }
        return r;
    }

    /** The caller's parts in the issue, from their roles and (for a handler) their department. */
    public static Set<Party> parties(Caller caller, Issue i, UUID callerDepartment, Set<UUID> assisting) {
        Set<Party> parts = EnumSet.noneOf(Party.class);
        if (caller.hasAny(Role.ENTERPRISE_DESK)) {
            parts.add(Party.DESK);
        }
        if (caller.hasAny(Role.OFFICE)) {
            parts.add(Party.OFFICE);
        }
        if (caller.hasAny(Role.OFFICIAL, Role.GROUP_LEADER)) {
            parts.add(Party.GROUP);
        }
        if (caller.hasAny(Role.ENTERPRISE_CONTACT)) {
            parts.add(Party.CONTACT);
        }
        if (caller.hasAny(Role.DEPARTMENT_HANDLER) && callerDepartment != null) {
            if (callerDepartment.equals(i.leadDepartmentId)) {
                parts.add(Party.LEAD);
            }
            if (assisting.contains(callerDepartment)) {
                parts.add(Party.ASSISTING);
            }
        }
        return parts;
    }

    /** The state the enterprise is shown: an answer under the desk's review is still being worked on. */
    public static IssueStatus seenByEnterprise(IssueStatus s) {
        return s == AWAITING_RELEASE ? IN_PROGRESS : s;
    }

    /** The states the enterprise is shown as {@code shown} (none for a state it is never shown). */
    public static Set<IssueStatus> shownToEnterpriseAs(IssueStatus shown) {
        Set<IssueStatus> states = EnumSet.noneOf(IssueStatus.class);
        for (IssueStatus s : IssueStatus.values()) {
            if (seenByEnterprise(s) == shown) {
                states.add(s);
            }
        }
        return states;
    }

    /**
     * Whether the enterprise sees this event at all: not a hidden step, nor a step into a state it is not
     * shown (an answer going to the desk's review, which the enterprise meets only at its release).
     */
    public static boolean enterpriseSees(IssueEvent e) {
        if (e.toStatus != e.fromStatus && seenByEnterprise(e.toStatus) != e.toStatus) {
            return false;
        }
        return NOT_STEPS.contains(e.action) || rule(e.action).visibility() != Visibility.HIDDEN;
    }

    /** The contract's table of steps ({@code mobile-contract/ledger.md}), rendered from the rules. */
    public static String markdown() {
        StringBuilder md = new StringBuilder("""
                | step | endpoint | from | to | who | only when | notifies | the enterprise sees |
                | --- | --- | --- | --- | --- | --- | --- | --- |
                """);
        for (Rule r : RULES.values()) {
            md.append("| ").append(r.action().label()).append(" `").append(r.action()).append("` | `POST …/{id}/")
                    .append(r.path()).append("` | ").append(states(r.from())).append(" | ").append(states(r.to()))
                    .append(" | ").append(r.parties().stream().map(Party::label).collect(Collectors.joining("、")))
                    .append(" | ").append(r.guards().isEmpty() ? "—"
                            : r.guards().stream().map(Guard::label).collect(Collectors.joining("；")))
                    .append(" | ").append(r.notices().isEmpty() ? "—" : r.notices().stream().map(IssueWorkflow::notice)
                            .collect(Collectors.joining("；")))
                    .append(" | ").append(switch (r.visibility()) {
                        case PUBLIC -> "the step and its text";
                        case NOTE_INTERNAL -> "the step, not its text";
                        case HIDDEN -> "nothing";
                    }).append(r.visibility() == Visibility.HIDDEN ? "" : r.to().stream()
                            .filter(s -> seenByEnterprise(s) != s && !r.from().contains(s))
                            .map(s -> "; nothing when into `" + s + "`").collect(Collectors.joining()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String states(Set<IssueStatus> states) {
        return states.equals(OPEN) ? "any open state"
                : states.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", "));
    }

    private static String notice(Notice n) {
        return (n.into() == null ? "" : "into `" + n.into() + "`: ")
                + n.to().stream().map(Audience::label).collect(Collectors.joining("、")) + " `" + n.type() + "`"
                + (n.urgent() ? " (urgent)" : "");
    }
}
