package cn.zoufang.ledger;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import cn.zoufang.identity.Caller;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.ledger.IssueDtos.AllowedStep;
import cn.zoufang.ledger.IssueDtos.CategoryView;
import cn.zoufang.ledger.IssueDtos.Confirm;
import cn.zoufang.ledger.IssueDtos.Duplicate;
import cn.zoufang.ledger.IssueDtos.ExtensionDecision;
import cn.zoufang.ledger.IssueDtos.ExtensionRequest;
import cn.zoufang.ledger.IssueDtos.Forward;
import cn.zoufang.ledger.IssueDtos.InterimReply;
import cn.zoufang.ledger.IssueDtos.IssueView;
import cn.zoufang.ledger.IssueDtos.NewIssue;
import cn.zoufang.ledger.IssueDtos.Note;
import cn.zoufang.ledger.IssueDtos.Opinion;
import cn.zoufang.ledger.IssueDtos.Pause;
import cn.zoufang.ledger.IssueDtos.Respond;
import cn.zoufang.ledger.IssueDtos.Return;
import cn.zoufang.ledger.IssueDtos.SendBack;
import cn.zoufang.ledger.IssueDtos.Supervision;
import cn.zoufang.ledger.IssueDtos.TimelineEntry;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Page;
import cn.zoufang.web.Preconditions;
import cn.zoufang.web.RateLimited;
import cn.zoufang.web.Downloads;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * 台账: one endpoint per action. Actions are open to every signed-in role: whether the caller may take
 * this step on this issue is the workflow's decision (409 INVALID_TRANSITION), after scope (404).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class IssueResource {

    private final IssueService issues;
    private final IssueSteps steps;
    private final IssueRegistration registration;
    private final IssueQueries queries;
    private final IssueCategories categories;
    private final CurrentCaller caller;

    public IssueResource(IssueService issues, IssueSteps steps, IssueRegistration registration, IssueQueries queries,
            IssueCategories categories, CurrentCaller caller) {
        this.issues = issues;
        this.steps = steps;
        this.registration = registration;
        this.queries = queries;
        this.categories = categories;
        this.caller = caller;
    }

    @GET
    @Path("/issue-categories")
    @Authenticated
    public Uni<List<CategoryView>> categories() {
        return categories.categories().map(cs -> cs.stream().map(IssueResource::categoryView).toList());
    }

    @PUT
    @Path("/issue-categories/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> saveCategory(@PathParam("code") String code, @Valid @NotNull IssueDtos.CategoryInput in) {
        return categories.saveCategory(caller.get(), code, in).map(c -> Response.ok(categoryView(c)).build());
    }

    private static CategoryView categoryView(IssueCategory c) {
        return new CategoryView(c.code, c.name, c.deadlineDays, c.urgentDeadlineDays, c.sortOrder, c.retired,
                c.unifiedFeedback, c.unifiedFeedback.label());
    }

    @POST
    @Path("/issues")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICIAL, Role.N_GROUP_LEADER, Role.N_ENTERPRISE_DESK, Role.N_ENTERPRISE_CONTACT })
    @Idempotent
    @RateLimited(value = "issue-registrations", perMinute = 30, burst = 60)
    public Uni<Response> register(@Valid @NotNull NewIssue in, UriInfo uri) {
        return registration.register(caller.get(), in).map(created -> withEtag(Response.status(created.isNew() ? 201 : 200)
                .location(uri.getAbsolutePathBuilder().path(in.id().toString()).build()), created.view()));
    }

    @GET
    @Path("/issues")
    @Authenticated
    public Uni<Page<IssueView>> list(@BeanParam IssueFilterParams filter, @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return queries.list(caller.get(), filter.toFilter(), cursor, Cursor.limit(limit));
    }

    /** The filtered ledger as an Excel workbook, for the office to forward. */
    @GET
    @Path("/issues/export.xlsx")
    @Produces(LedgerWorkbook.MEDIA_TYPE)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_ENTERPRISE_DESK, Role.N_GROUP_LEADER, Role.N_DEPARTMENT_HANDLER })
    @RateLimited(value = "exports", perMinute = 10, burst = 10)
    public Uni<Response> export(@BeanParam IssueFilterParams filter) {
        return queries.export(caller.get(), filter.toFilter()).map(bytes -> Downloads.attachment(bytes,
                LedgerWorkbook.MEDIA_TYPE, "ledger.xlsx", "诉求台账.xlsx"));
    }

    @GET
    @Path("/issues/{id}")
    @Authenticated
    public Uni<Response> get(@PathParam("id") UUID id) {
        return queries.get(caller.get(), id).map(v -> withEtag(Response.ok(), v));
    }

    @GET
    @Path("/issues/{id}/timeline")
    @Authenticated
    public Uni<List<TimelineEntry>> timeline(@PathParam("id") UUID id) {
        return queries.timeline(caller.get(), id);
    }

    /** The steps the caller may take on this issue now (the workflow's table applied to them). */
    @GET
    @Path("/issues/{id}/steps")
    @Authenticated
    public Uni<List<AllowedStep>> allowedSteps(@PathParam("id") UUID id) {
        return steps.allowed(caller.get(), id).map(rules -> rules.stream()
                .map(r -> new AllowedStep(r.action(), r.action().label(), r.path())).toList());
    }

    @POST
    @Path("/issues/{id}/forward")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> forward(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Forward in) {
        return step(who -> issues.forward(who, id, ifMatch, in));
    }

    @POST
    @Path("/issues/{id}/accept")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> accept(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Note in) {
        return step(who -> issues.accept(who, id, ifMatch, in.note()));
    }

    @POST
    @Path("/issues/{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> returnIssue(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Return in) {
        return step(who -> issues.returnIssue(who, id, ifMatch, in.reason()));
    }

    @POST
    @Path("/issues/{id}/respond")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> respond(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Respond in) {
        return step(who -> issues.respond(who, id, ifMatch, in));
    }

    @POST
    @Path("/issues/{id}/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> confirm(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Confirm in) {
        return step(who -> issues.confirm(who, id, ifMatch, in));
    }

    @POST
    @Path("/issues/{id}/close-out")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> closeOut(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Note in) {
        return step(who -> issues.closeOut(who, id, ifMatch, in.note()));
    }

    @POST
    @Path("/issues/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> withdraw(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Note in) {
        return step(who -> issues.withdraw(who, id, ifMatch, in.note()));
    }

    @POST
    @Path("/issues/{id}/extension-request")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> requestExtension(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ExtensionRequest in) {
        return step(who -> issues.requestExtension(who, id, ifMatch, in.workingDays(), in.reason()));
    }

    @POST
    @Path("/issues/{id}/extension-decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> decideExtension(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull ExtensionDecision in) {
        return step(who -> issues.decideExtension(who, id, ifMatch, in.approved(), in.note()));
    }

    @POST
    @Path("/issues/{id}/supervise")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> supervise(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Supervision in) {
        return step(who -> issues.supervise(who, id, ifMatch, in.note()));
    }

    @POST
    @Path("/issues/{id}/duplicate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> markDuplicate(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Duplicate in) {
        return step(who -> issues.markDuplicate(who, id, ifMatch, in.originalId(), in.note()));
    }

    @POST
    @Path("/issues/{id}/close-without-confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> closeWithoutConfirmation(@PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull Return in) {
        return step(who -> issues.closeWithoutConfirmation(who, id, ifMatch, in.reason()));
    }

    @POST
    @Path("/issues/{id}/interim-reply")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> interimReply(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull InterimReply in) {
        return step(who -> issues.interimReply(who, id, ifMatch, in.text()));
    }

    @POST
    @Path("/issues/{id}/assist-opinion")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> assistOpinion(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Opinion in) {
        return step(who -> issues.assistOpinion(who, id, ifMatch, in.opinion()));
    }

    @POST
    @Path("/issues/{id}/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> pause(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Pause in) {
        return step(who -> issues.pause(who, id, ifMatch, in.reason()));
    }

    @POST
    @Path("/issues/{id}/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> resume(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Note in) {
        return step(who -> issues.resume(who, id, ifMatch, in.note()));
    }

    @POST
    @Path("/issues/{id}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> release(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull Note in) {
        return step(who -> issues.release(who, id, ifMatch, in.note()));
    }

    @POST
    @Path("/issues/{id}/send-back")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Idempotent
    public Uni<Response> sendBack(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull SendBack in) {
        return step(who -> issues.sendBack(who, id, ifMatch, in.comment()));
    }

    private Uni<Response> step(Function<Caller, Uni<IssueView>> action) {
        return action.apply(caller.get()).map(v -> withEtag(Response.ok(), v));
    }

    private static Response withEtag(Response.ResponseBuilder builder, IssueView v) {
        return builder.header(HttpHeaders.ETAG, Preconditions.etag(v.version())).entity(v).build();
    }
}
