package cn.zoufang.directory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.GroupDtos.AssignmentView;
import cn.zoufang.directory.GroupDtos.GroupView;
import cn.zoufang.directory.GroupDtos.MemberView;
import cn.zoufang.directory.GroupDtos.NewAssignment;
import cn.zoufang.directory.GroupDtos.NewGroup;
import cn.zoufang.identity.Account;
import cn.zoufang.identity.Caller;
import cn.zoufang.identity.Role;
import cn.zoufang.identity.Scope;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import cn.zoufang.web.Page;
import cn.zoufang.web.Preconditions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class GroupService {

    private final Scope scope;
    private final EnterpriseService enterprises;
    private final AuditLog audit;

    private final Clock clock;

    public GroupService(Scope scope, EnterpriseService enterprises, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.scope = scope;
        this.enterprises = enterprises;
        this.audit = audit;
    }

    public Uni<Page<GroupView>> list(Caller caller, String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 2);
        Scope.Clause visible = scope.groups(caller, "g");
        Map<String, Object> params = visible.into(new HashMap<>());
        String hql = "from AssistanceGroup g where " + visible.hql();
        if (cursor != null) {
            hql += " and (g.name > :afterName or (g.name = :afterName and g.id > :afterId))";
            params.put("afterName", cursor.key(0));
            params.put("afterId", cursor.uuid(1));
        }
        return AssistanceGroup.<AssistanceGroup>find(hql + " order by g.name, g.id", params).range(0, limit).list()
                .flatMap(rows -> members(rows.stream().map(g -> g.id).toList())
                        .map(members -> Page.of(rows, limit, g -> view(g, members.getOrDefault(g.id, List.of())),
                                g -> Cursor.of(g.name, g.id.toString()))));
    }

    public Uni<GroupView> get(Caller caller, UUID id) {
        return findVisible(caller, id).flatMap(this::view);
    }

    @WithTransaction
    public Uni<GroupView> create(Caller caller, NewGroup input) {
        AssistanceGroup g = new AssistanceGroup();
        g.id = UUID.randomUUID();
        g.name = input.name().trim();
        g.leaderId = input.leaderId();
        g.createdAt = Dates.now(clock);
        Set<UUID> memberIds = new LinkedHashSet<>();
        memberIds.add(input.leaderId());
        if (input.memberIds() != null) {
            memberIds.addAll(input.memberIds());
        }
        return requireAccount(input.leaderId(), "leaderId", Role.GROUP_LEADER)
                .chain(() -> requireMembers(new ArrayList<>(memberIds)))
                .chain(() -> AssistanceGroup.count("name", g.name))
                .invoke(n -> {
                    if (n > 0) {
                        throw duplicateName();
                    }
                })
                .chain(() -> g.persist())
                .chain(() -> GroupMember.persist(memberIds.stream().map(m -> GroupMember.of(g.id, m)).toList()))
                .chain(() -> io.quarkus.hibernate.reactive.panache.Panache.flush())
                .onFailure().transform(f -> Conflicts.translate(f, "assistance_group_name_key", duplicateName()))
                .chain(() -> audit.record(Entry.by(caller, "GROUP_CREATE", "GROUP", g.id)))
                .chain(() -> view(g));
    }

    @WithTransaction
    public Uni<GroupView> addMember(Caller caller, UUID groupId, UUID accountId) {
        return findVisible(caller, groupId).flatMap(g -> requireMembers(List.of(accountId))
                .chain(() -> GroupMember.count("groupId = ?1 and accountId = ?2", groupId, accountId))
                .chain(n -> n > 0 ? Uni.createFrom().voidItem()
                        : GroupMember.of(groupId, accountId).persist()
                                .chain(() -> audit.record(Entry.by(caller, "GROUP_MEMBER_ADD", "GROUP", groupId)
                                        .detail("account " + accountId))))
                .chain(() -> view(g)));
    }

    /**
     * A new leader (换届, a leader who moves on): the old one's term is kept with its dates and they leave the
     * group; the new one joins it if not yet a member and from now on sees its reports.
     */
    @WithTransaction
    public Uni<GroupView> changeLeader(Caller caller, UUID groupId, String ifMatch, UUID leaderId) {
        return findVisible(caller, groupId).flatMap(g -> {
            Preconditions.requireMatch(ifMatch, g.version);
            if (g.leaderId.equals(leaderId)) {
                throw ApiException.invalidField("accountId", FieldCode.INVALID, "已是本组的带队区领导");
            }
            UUID before = g.leaderId;
            OffsetDateTime now = Dates.now(clock);
            return requireAccount(leaderId, "accountId", Role.GROUP_LEADER)
                    .chain(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession())
                    .chain(s -> s.createNativeQuery("""
                            insert into group_leader_term (group_id, account_id, started_at, ended_at)
                            values (:group, :leader, :since, :now)""")
                            .setParameter("group", g.id).setParameter("leader", before)
                            .setParameter("since", g.leaderSince == null ? g.createdAt : g.leaderSince)
                            .setParameter("now", now).executeUpdate())
                    .chain(() -> GroupMember.delete("groupId = ?1 and accountId = ?2", g.id, before))
                    .chain(() -> GroupMember.count("groupId = ?1 and accountId = ?2", g.id, leaderId))
                    .chain(n -> n > 0 ? Uni.createFrom().voidItem() : GroupMember.of(g.id, leaderId).persist().replaceWithVoid())
                    .chain(() -> {
                        g.leaderId = leaderId;
                        g.leaderSince = now;
                        return io.quarkus.hibernate.reactive.panache.Panache.flush();
                    })
                    .chain(() -> audit.record(Entry.by(caller, "GROUP_LEADER_CHANGE", "GROUP", g.id)
                            .detail(before + " → " + leaderId)))
                    .chain(() -> view(g));
        });
    }

    /** Who led the group when, the current leader first. */
    public Uni<List<GroupDtos.LeaderTerm>> leaders(Caller caller, UUID groupId) {
        return findVisible(caller, groupId).flatMap(g -> io.quarkus.hibernate.reactive.panache.Panache.getSession()
                .chain(s -> s.createNativeQuery("""
                        select t.account_id, a.display_name, t.started_at, t.ended_at from (
                            select leader_id as account_id, leader_since as started_at, null::timestamptz as ended_at
                            from assistance_group where id = :group
                            union all
                            select account_id, started_at, ended_at from group_leader_term where group_id = :group) t
                        join account a on a.id = t.account_id
                        order by t.ended_at desc nulls first""", Object[].class)
                        .setParameter("group", g.id).getResultList())
                .map(rows -> rows.stream().map(r -> new GroupDtos.LeaderTerm((UUID) r[0], (String) r[1],
                        (OffsetDateTime) r[2], (OffsetDateTime) r[3])).toList()));
    }

    @WithTransaction
    public Uni<GroupView> removeMember(Caller caller, UUID groupId, UUID accountId) {
        return findVisible(caller, groupId).flatMap(g -> {
            if (g.leaderId.equals(accountId)) {
                throw new ApiException(ErrorCode.CONFLICT, "不能移除带队区领导；请先更换带队领导");
            }
            return GroupMember.delete("groupId = ?1 and accountId = ?2", groupId, accountId)
                    .chain(n -> n == 0 ? Uni.createFrom().failure(ApiException.notFound("小组成员"))
                            : audit.record(Entry.by(caller, "GROUP_MEMBER_REMOVE", "GROUP", groupId)
                                    .detail("account " + accountId)))
                    .chain(() -> view(g));
        });
    }

    @WithTransaction
    public Uni<AssignmentView> assign(Caller caller, UUID groupId, NewAssignment input) {
        LocalDate start = input.startDate() == null ? Dates.today(clock) : input.startDate();
        return findVisible(caller, groupId).flatMap(g -> enterprises.findVisible(caller, input.enterpriseId())
                .flatMap(e -> Assignment.<Assignment>find("enterpriseId = ?1 and endDate is null", e.id).firstResult()
                        .flatMap(open -> {
                            if (open != null && open.groupId.equals(g.id)) {
                                throw new ApiException(ErrorCode.CONFLICT, "该企业已挂点在本小组");
                            }
                            if (open != null && !open.startDate.isBefore(start)) {
                                throw ApiException.invalidField("startDate", FieldCode.INVALID,
                                        "开始日期须晚于当前挂点的开始日期 " + open.startDate);
                            }
                            Uni<Void> closePrevious = Uni.createFrom().voidItem();
                            if (open != null) {
                                open.endDate = start.minusDays(1);
                                closePrevious = io.quarkus.hibernate.reactive.panache.Panache.flush();
                            }
                            Assignment a = new Assignment();
                            a.id = UUID.randomUUID();
                            a.groupId = g.id;
                            a.enterpriseId = e.id;
                            a.startDate = start;
                            a.createdAt = Dates.now(clock);
                            return closePrevious.chain(() -> a.persistAndFlush())
                                    .onFailure().transform(f -> Conflicts.translate(f, "assignment_open_unique",
                                            new ApiException(ErrorCode.CONFLICT, "该企业的挂点刚被修改，请刷新后重试")))
                                    .chain(() -> audit.record(Entry.by(caller, "ASSIGNMENT_CREATE", "ENTERPRISE", e.id)
                                            .detail("group " + g.id + " from " + start)))
                                    .map(v -> new AssignmentView(a.id, g.id, g.name, e.id, e.name, a.startDate, null));
                        })));
    }

    @WithTransaction
    public Uni<AssignmentView> endAssignment(Caller caller, UUID assignmentId, LocalDate endDate) {
        return Assignment.<Assignment>findById(assignmentId)
                .onItem().ifNull().failWith(() -> ApiException.notFound("挂点"))
                .flatMap(a -> enterprises.findVisible(caller, a.enterpriseId).flatMap(e -> {
                    if (a.endDate != null) {
                        throw new ApiException(ErrorCode.CONFLICT, "该挂点已于 " + a.endDate + " 结束");
                    }
                    if (endDate.isBefore(a.startDate)) {
                        throw ApiException.invalidField("endDate", FieldCode.INVALID,
                                "结束日期不能早于开始日期 " + a.startDate);
                    }
                    a.endDate = endDate;
                    return audit.record(Entry.by(caller, "ASSIGNMENT_END", "ENTERPRISE", e.id)
                                    .detail("assignment " + a.id + " until " + endDate))
                            .chain(() -> AssistanceGroup.<AssistanceGroup>findById(a.groupId))
                            .map(g -> new AssignmentView(a.id, a.groupId, g.name, e.id, e.name, a.startDate, a.endDate));
                }));
    }

    public Uni<List<AssignmentView>> assignmentsOf(Caller caller, UUID enterpriseId) {
        return enterprises.findVisible(caller, enterpriseId).flatMap(e -> Assignment.getSession()
                .flatMap(s -> s.createSelectionQuery("""
                        select a.id, g.id, g.name, a.startDate, a.endDate from Assignment a, AssistanceGroup g
                        where g.id = a.groupId and a.enterpriseId = :id order by a.startDate desc""", Object[].class)
                        .setParameter("id", e.id).getResultList())
                .map(rows -> rows.stream().map(r -> new AssignmentView((UUID) r[0], (UUID) r[1], (String) r[2], e.id,
                        e.name, (LocalDate) r[3], (LocalDate) r[4])).toList()));
    }

    /** The group if the caller may see it; otherwise 404, exactly as for a missing id. */
    public Uni<AssistanceGroup> findVisible(Caller caller, UUID id) {
        Scope.Clause visible = scope.groups(caller, "g");
        Map<String, Object> params = visible.into(new HashMap<>());
        params.put("id", id);
        return AssistanceGroup.<AssistanceGroup>find("from AssistanceGroup g where g.id = :id and " + visible.hql(),
                params).firstResult().onItem().ifNull().failWith(() -> ApiException.notFound("帮扶小组"));
    }

    private Uni<GroupView> view(AssistanceGroup g) {
        return members(List.of(g.id)).map(m -> view(g, m.getOrDefault(g.id, List.of())));
    }

    private static GroupView view(AssistanceGroup g, List<Account> members) {
        List<MemberView> views = members.stream()
                .map(a -> new MemberView(a.id, a.displayName, a.id.equals(g.leaderId)))
                .sorted(Comparator.comparing((MemberView m) -> !m.leader()).thenComparing(MemberView::displayName))
                .toList();
        return new GroupView(g.id, g.name, g.leaderId, views, g.version);
    }

    private Uni<Map<UUID, List<Account>>> members(List<UUID> groupIds) {
        if (groupIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return GroupMember.getSession().flatMap(s -> s.createSelectionQuery(
                "select m.groupId, a from GroupMember m, Account a where a.id = m.accountId and m.groupId in :ids",
                Object[].class).setParameter("ids", groupIds).getResultList())
                .map(rows -> {
                    Map<UUID, List<Account>> byGroup = new HashMap<>();
                    rows.forEach(r -> byGroup.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add((Account) r[1]));
                    return byGroup;
                });
    }

    private static Uni<Void> requireAccount(UUID id, String field, Role role) {
        return Account.<Account>findById(id).map(a -> {
            if (a == null || !a.active || !a.roles.contains(role)) {
                throw ApiException.invalidField(field, FieldCode.INVALID, "须为在用的" + role.label() + "账号");
            }
            return null;
        });
    }

    private static Uni<Void> requireMembers(List<UUID> ids) {
        return Account.<Account>list("id in ?1", ids).map(found -> {
            for (int i = 0; i < ids.size(); i++) {
                UUID id = ids.get(i);
                boolean ok = found.stream().anyMatch(a -> a.id.equals(id) && a.active
                        && (a.roles.contains(Role.OFFICIAL) || a.roles.contains(Role.GROUP_LEADER)));
                if (!ok) {
                    throw ApiException.invalidField("memberIds[" + i + "]", FieldCode.INVALID,
                            "成员须为在用的挂点干部或带队区领导账号");
                }
            }
            return null;
        });
    }

    private static ApiException duplicateName() {
        return new ApiException(ErrorCode.DUPLICATE_NAME, "已有同名的帮扶小组");
    }
}
