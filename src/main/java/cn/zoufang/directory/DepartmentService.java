package cn.zoufang.directory;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.directory.DepartmentDtos.DepartmentView;
import cn.zoufang.directory.DepartmentDtos.NewDepartment;
import cn.zoufang.identity.Caller;
import cn.zoufang.kernel.Dates;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.Page;
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

    public Uni<Page<DepartmentView>> list(String rawCursor, int limit) {
        Cursor cursor = Cursor.decode(rawCursor, 2);
        if (cursor == null) {
            return Department.<Department>find("order by name, id").range(0, limit).list()
                    .map(rows -> page(rows, limit));
        }
        return Department.<Department>find("(name > ?1 or (name = ?1 and id > ?2)) order by name, id",
                cursor.key(0), cursor.uuid(1)).range(0, limit).list()
                .map(rows -> page(rows, limit));
    }

    @WithTransaction
    public Uni<DepartmentView> create(Caller caller, NewDepartment input) {
        Department d = new Department();
        d.id = UUID.randomUUID();
        d.name = input.name().trim();
        d.shortName = input.shortName() == null ? null : input.shortName().trim();
        d.createdAt = Dates.now(clock);
        ApiException duplicate = new ApiException(ErrorCode.DUPLICATE_NAME, "已有同名的责任单位");
        return Department.count("name", d.name)
                .invoke(n -> {
                    if (n > 0) {
                        throw duplicate;
                    }
                })
                .chain(() -> d.persistAndFlush())
                .onFailure().transform(f -> Conflicts.translate(f, "department_name_key", duplicate))
                .chain(() -> audit.record(Entry.by(caller, "DEPARTMENT_CREATE", "DEPARTMENT", d.id)))
                .map(v -> DepartmentView.of(d));
    }

    private static Page<DepartmentView> page(List<Department> rows, int limit) {
        return Page.of(rows, limit, DepartmentView::of, d -> Cursor.of(d.name, d.id.toString()));
    }
}
