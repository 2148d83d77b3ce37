package cn.zoufang.ledger;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.audit.AuditLog;
import cn.zoufang.audit.AuditLog.Entry;
import cn.zoufang.identity.Caller;
import cn.zoufang.web.ApiException;
import cn.zoufang.web.Conflicts;
import cn.zoufang.web.ErrorCode;
import cn.zoufang.web.FieldCode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The office's catalogue of issue categories: deadlines, and whose answers go through the desk. */
@ApplicationScoped
@WithSession
public class IssueCategories {

    private final AuditLog audit;

    public IssueCategories(AuditLog audit) {
        this.audit = audit;
    }

    public Uni<List<IssueCategory>> categories() {
        return IssueCategory.list("order by sortOrder, code");
    }

    /** The office keeps the catalogue: adds a category or changes one; issues already forwarded keep their deadline. */
    @WithTransaction
    public Uni<IssueCategory> saveCategory(Caller caller, String code, IssueDtos.CategoryInput in) {
        if (!code.matches("^[A-Z][A-Z0-9_]{1,29}$")) {
            throw ApiException.invalidField("code", FieldCode.INVALID, "类别代码应为大写字母、数字和下划线");
        }
        if (in.urgentDeadlineDays() > in.deadlineDays()) {
            throw ApiException.invalidField("urgentDeadlineDays", FieldCode.INVALID, "加急期限不能长于普通期限");
        }
        ApiException duplicate = new ApiException(ErrorCode.DUPLICATE_NAME, "已有同名的诉求类别");
        String name = in.name().trim();
        // The name check comes before any change, so that no half-changed category is flushed.
        return IssueCategory.count("name = ?1 and code <> ?2", name, code)
                .invoke(n -> {
                    if (n > 0) {
                        throw duplicate;
                    }
                })
                .chain(() -> IssueCategory.<IssueCategory>findById(code))
                .flatMap(existing -> {
                    IssueCategory c = existing != null ? existing : new IssueCategory();
                    c.code = code;
                    c.name = name;
                    c.deadlineDays = in.deadlineDays();
                    c.urgentDeadlineDays = in.urgentDeadlineDays();
                    c.sortOrder = in.sortOrder();
                    c.retired = Boolean.TRUE.equals(in.retired());
                    if (in.unifiedFeedback() != null) {
                        c.unifiedFeedback = in.unifiedFeedback();
                    }
                    return (existing == null ? c.persist() : Uni.createFrom().item(c))
                            .chain(() -> Panache.flush())
                            .onFailure().transform(f -> Conflicts.translate(f, "issue_category_name_key", duplicate))
                            .chain(() -> audit.record(Entry.by(caller, "ISSUE_CATEGORY_SAVE", "ISSUE_CATEGORY", code)
                                    .detail(c.name + " " + c.deadlineDays + "/" + c.urgentDeadlineDays
                                            + " " + c.unifiedFeedback + (c.retired ? " retired" : ""))))
                            .replaceWith(c);
                });
    }
}
