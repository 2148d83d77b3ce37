package cn.zoufang.ledger;

import jakarta.ws.rs.QueryParam;

import cn.zoufang.web.Params;

/** The ledger's filters, shared by the list and the Excel export so that both show the same rows. */
public class IssueFilterParams {

    @QueryParam("status")
    String status;

    @QueryParam("stage")
    String stage;

    @QueryParam("enterpriseId")
    String enterpriseId;

    @QueryParam("groupId")
    String groupId;

    @QueryParam("departmentId")
    String departmentId;

    @QueryParam("category")
    String category;

    @QueryParam("source")
    String source;

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    @QueryParam("extensionPending")
    String extensionPending;

    @QueryParam("open")
    String open;

    IssueQueries.Filter toFilter() {
        return new IssueQueries.Filter(Params.enumOrNull(IssueStatus.class, "status", status),
                Params.enumOrNull(Stage.class, "stage", stage), Params.uuidOrNull("enterpriseId", enterpriseId),
                Params.uuidOrNull("groupId", groupId), Params.uuidOrNull("departmentId", departmentId),
                category == null || category.isBlank() ? null : category.trim(),
                Params.enumOrNull(IssueSource.class, "source", source), Params.dateOrNull("from", from),
                Params.dateOrNull("to", to), Params.booleanOrNull("extensionPending", extensionPending),
                Params.booleanOrNull("open", open));
    }
}
