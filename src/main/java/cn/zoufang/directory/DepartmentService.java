package cn.zoufang.directory;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.DepartmentDtos.DepartmentView;
import cn.zoufang.directory.DepartmentDtos.FormerName;
import cn.zoufang.directory.DepartmentDtos.NewDepartment;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
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
public class DepartmentService {

    private final AuditLog audit;

    private final Clock clock;

    public DepartmentService(AuditLog audit, Clock clock) {
        this.clock = clock;
        this.audit = audit;
    }

    /** Departments in use (a merged one is gone from the list; its issues still name it). */
    public Uni<Page<DepartmentView>> list(String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 2);
        Uni<List<Department>> rows = cursor == null
                ? Department.<Department>find("mergedInto is null order by name, id").range(0, limit).list()
                : Department.<Department>find("mergedInto is null and (name > ?1 or (name = ?1 and id > ?2)) order by name, id",
                        cursor.key(0), cursor.uuid(1)).range(0, limit).list();
        return rows.chain(list -> formerNames(list.stream().map(d -> d.id).toList())
                .map(names -> Page.of(list, limit, d -> DepartmentView.of(d, names.getOrDefault(d.id, List.of())),
                        d -> Cursor.of(d.name, d.id.toString()))));
    }

    public Uni<DepartmentView> get(UUID id) {
        return Department.<Department>findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("责任单位"))
                .chain(d -> formerNames(List.of(d.id)).map(names -> DepartmentView.of(d, names.getOrDefault(d.id, List.of()))));
    }

    @WithTransaction
    public Uni<DepartmentView> create(Caller caller, NewDepartment input) {
        Department d = new Department();
        d.id = UUID.randomUUID();
        d.name = input.name().trim();
        d.shortName = input.shortName() == null ? null : input.shortName().trim();
        d.createdAt = Dates.now(clock);
        return nameFree(d.name, d.id)
                .chain(() -> d.persistAndFlush())
                .onFailure().transform(f -> Conflicts.translate(f, "department_name_key", duplicate()))
                .chain(() -> audit.record(Entry.by(caller, "DEPARTMENT_CREATE", "DEPARTMENT", d.id)))
                .map(v -> DepartmentView.of(d, List.of()));
    }

    /** A new name (and short name); the old one is kept with the date it ended, and issues keep the unit. */
    @WithTransaction
    public Uni<DepartmentView> rename(Caller caller, UUID id, String ifMatch, NewDepartment input) {
        String name = input.name().trim();
        return current(id).chain(d -> {
            Preconditions.requireMatch(ifMatch, d.version);
            String before = d.name;
            return nameFree(name, d.id).chain(() -> {
                d.name = name;
                d.shortName = input.shortName() == null ? null : input.shortName().trim();
                return before.equals(name) ? Panache.flush()
                        : Panache.getSession().chain(s -> s.createNativeQuery(
                                "insert into department_name (department_id, name, until) values (:id, :name, :until)")
                                .setParameter("id", d.id).setParameter("name", before)
                                .setParameter("until", Dates.now(clock)).executeUpdate())
                                .chain(() -> Panache.flush());
            })
                    .onFailure().transform(f -> Conflicts.translate(f, "department_name_key", duplicate()))
                    .chain(() -> audit.record(Entry.by(caller, "DEPARTMENT_RENAME", "DEPARTMENT", d.id)
                            .detail(before + " → " + d.name)))
                    .chain(() -> formerNames(List.of(d.id)))
                    .map(names -> DepartmentView.of(d, names.getOrDefault(d.id, List.of())));
        });
    }

    /**
     * Merges this department into another (机构改革): its open issues (as lead or assisting unit), its running
     * key projects and its handlers move to the other; closed issues keep naming it, and it leaves the list.
     */
    @WithTransaction
    public Uni<DepartmentView> merge(Caller caller, UUID id, String ifMatch, UUID intoId) {
        if (id.equals(intoId)) {
            throw ApiException.invalidField("intoId", FieldCode.INVALID, "不能并入本单位");
        }
        return current(id).chain(d -> {
            Preconditions.requireMatch(ifMatch, d.version);
            return Department.<Department>findById(intoId).chain(into -> {
                if (into == null || into.mergedInto != null) {
                    throw ApiException.invalidField("intoId", FieldCode.INVALID, "并入的单位不存在或已被合并");
                }
                OffsetDateTime now = Dates.now(clock);
                d.mergedInto = into.id;
                d.mergedAt = now;
                return Panache.getSession().chain(s -> s.createNativeQuery("""
                        update issue set lead_department_id = :into, version = version + 1, updated_at = :now
                        where lead_department_id = :from and status <> 'CLOSED'""")
                        .setParameter("into", into.id).setParameter("from", d.id).setParameter("now", now).executeUpdate()
                        .chain(moved -> s.createNativeQuery("""
                                insert into issue_assist (issue_id, department_id)
                                select a.issue_id, :into from issue_assist a join issue i on i.id = a.issue_id
                                where a.department_id = :from and i.status <> 'CLOSED'
                                on conflict do nothing""")
                                .setParameter("into", into.id).setParameter("from", d.id).executeUpdate()
                                .chain(() -> s.createNativeQuery("""
                                        delete from issue_assist a using issue i
                                        where i.id = a.issue_id and a.department_id = :from and i.status <> 'CLOSED'""")
                                        .setParameter("from", d.id).executeUpdate())
                                // Its key projects still running go with it: the other unit reports them from now on.
                                .chain(() -> s.createNativeQuery("""
                                        update key_project set department_id = :into, row_version = row_version + 1
                                        where department_id = :from and status = 'ACTIVE'""")
                                        .setParameter("into", into.id).setParameter("from", d.id).executeUpdate())
                                .chain(() -> s.createNativeQuery(
                                        "update account set department_id = :into, version = version + 1 where department_id = :from")
                                        .setParameter("into", into.id).setParameter("from", d.id).executeUpdate())
                                .chain(handlers -> audit.record(Entry.by(caller, "DEPARTMENT_MERGE", "DEPARTMENT", d.id)
                                        .detail(d.name + " → " + into.name + "; " + moved + " open issues, " + handlers
                                                + " handlers moved")))));
            }).chain(() -> Panache.flush()).chain(() -> formerNames(List.of(d.id)))
                    .map(names -> DepartmentView.of(d, names.getOrDefault(d.id, List.of())));
        });
    }

    private static Uni<Department> current(UUID id) {
        return Department.<Department>findById(id).map(d -> {
            if (d == null || d.mergedInto != null) {
                throw ApiException.notFound("责任单位");
            }
            return d;
        });
    }

    private static Uni<Void> nameFree(String name, UUID except) {
        return Department.count("name = ?1 and id <> ?2", name, except).invoke(n -> {
            if (n > 0) {
                throw duplicate();
            }
        }).replaceWithVoid();
    }

    private static ApiException duplicate() {
        return new ApiException(ErrorCode.DUPLICATE_NAME, "已有同名的责任单位");
    }

    /** The former names of these departments, in one query. */
    private static Uni<Map<UUID, List<FormerName>>> formerNames(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select department_id, name, until from department_name where department_id in (:ids) order by until",
                Object[].class).setParameter("ids", ids).getResultList())
                .map(rows -> rows.stream().collect(Collectors.groupingBy(r -> (UUID) r[0], Collectors.mapping(
                        r -> new FormerName((String) r[1], (OffsetDateTime) r[2]), Collectors.toList()))));
    }
}
