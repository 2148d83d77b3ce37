package cn.zoufang.directory;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import cn.zoufang.directory.EnterpriseDtos.EnterpriseInput;
import cn.zoufang.directory.EnterpriseDtos.EnterpriseView;
import cn.zoufang.directory.GroupDtos.AssignmentView;
import cn.zoufang.identity.CurrentCaller;
import cn.zoufang.identity.Role;
import cn.zoufang.web.Cursor;
import cn.zoufang.web.Idempotent;
import cn.zoufang.web.Page;
import cn.zoufang.web.Params;
import cn.zoufang.web.Preconditions;
import cn.zoufang.web.RateLimited;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/enterprises")
@Produces(MediaType.APPLICATION_JSON)
public class EnterpriseResource {

    private final EnterpriseService enterprises;
    private final GroupService groups;
    private final EnterpriseCsv csv;
    private final ContactService contacts;
    private final ServiceTiers tiers;
    private final EnterpriseTags tags;
    private final CurrentCaller caller;

    public EnterpriseResource(EnterpriseService enterprises, GroupService groups, EnterpriseCsv csv, ContactService contacts,
            ServiceTiers tiers, EnterpriseTags tags, CurrentCaller caller) {
        this.enterprises = enterprises;
        this.tiers = tiers;
        this.tags = tags;
        this.groups = groups;
        this.csv = csv;
        this.contacts = contacts;
        this.caller = caller;
    }

    @GET
    @Authenticated
    public Uni<Page<EnterpriseView>> list(@QueryParam("name") String name, @QueryParam("category") String category,
            @QueryParam("chain") String chain, @QueryParam("town") String town, @QueryParam("groupId") String groupId,
            @QueryParam("tag") String tag, @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        var filter = new EnterpriseService.Filter(name, Params.enumOrNull(ScaleCategory.class, "category", category),
                Params.enumOrNull(IndustryChain.class, "chain", chain), town, Params.uuidOrNull("groupId", groupId), tag);
        return enterprises.list(caller.get(), filter, cursor, Cursor.limit(limit));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    public Uni<Response> get(@PathParam("id") UUID id) {
        return enterprises.get(caller.get(), id).map(v -> withEtag(Response.ok(v), v).build());
    }

    /** The contact's phone in full, for those who see it masked (the office, departments); every read is audited. */
    @GET
    @Path("/{id}/contact")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_DEPARTMENT_HANDLER, Role.N_ENTERPRISE_DESK, Role.N_OFFICIAL,
            Role.N_GROUP_LEADER })
    public Uni<EnterpriseDtos.Contact> contact(@PathParam("id") UUID id) {
        return enterprises.contact(caller.get(), id);
    }

    /** The office's register, and the desk's walk-in enterprises (企情收处中心 receives every enterprise). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_ENTERPRISE_DESK })
    @Idempotent
    public Uni<Response> create(@Valid @NotNull EnterpriseInput input, UriInfo uri) {
        return enterprises.create(caller.get(), input).map(v -> withEtag(
                Response.created(uri.getAbsolutePathBuilder().path(v.id().toString()).build()).entity(v), v).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull EnterpriseInput input) {
        return enterprises.update(caller.get(), id, ifMatch, input).map(v -> withEtag(Response.ok(v), v).build());
    }

    /** The office corrects a registered position (audited, under If-Match). */
    @PUT
    @Path("/{id}/location")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> correctLocation(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull EnterpriseDtos.LocationCorrection input) {
        return enterprises.correctLocation(caller.get(), id, ifMatch, input).map(v -> withEtag(Response.ok(v), v).build());
    }

    /** The office marks the enterprise key or ordinary and names its 店小二 (audited, under If-Match). */
    @PUT
    @Path("/{id}/service")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> setService(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull EnterpriseDtos.ServiceAssignment input) {
        return tiers.assign(caller.get(), id, ifMatch, input).map(v -> withEtag(Response.ok(v), v).build());
    }

    /** The office replaces the enterprise's free tags (高新技术企业, 上市后备 …; audited, under If-Match). */
    @PUT
    @Path("/{id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    public Uni<Response> setTags(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull EnterpriseDtos.Tags input) {
        return tags.replace(caller.get(), id, ifMatch, input.tags()).map(v -> withEtag(Response.ok(v), v).build());
    }

    /** Bulk import of the zone's spreadsheet saved as CSV UTF-8; all rows or none. */
    @POST
    @Path("/import")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN })
    @Idempotent
    @RateLimited(value = "imports", perMinute = 5, burst = 5)
    public Uni<Response> importCsv(byte[] body) {
        var who = caller.get();
        return csv.read(body).flatMap(rows -> enterprises
                .existingCodes(rows.stream().map(EnterpriseInput::creditCode).toList())
                .flatMap(existing -> contacts.takenPhones(rows.stream().map(EnterpriseInput::contactMobile)
                        .filter(java.util.Objects::nonNull).toList())
                        .flatMap(taken -> {
                            csv.rejectExisting(rows, existing, taken);
                            return enterprises.importAll(who, rows);
                        })))
                .map(result -> Response.ok(result).build());
    }

    /** The enterprise's contact accounts, activated or not, current and former. */
    @GET
    @Path("/{id}/contacts")
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_ENTERPRISE_DESK, Role.N_ENTERPRISE_CONTACT })
    public Uni<List<EnterpriseDtos.ContactAccount>> contacts(@PathParam("id") UUID id) {
        return contacts.list(caller.get(), id);
    }

    @POST
    @Path("/{id}/contacts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_ENTERPRISE_DESK })
    @Idempotent
    public Uni<Response> addContact(@PathParam("id") UUID id, @Valid @NotNull EnterpriseDtos.NewContact input) {
        return contacts.add(caller.get(), id, input).map(c -> Response.status(Response.Status.CREATED).entity(c).build());
    }

    /** A contact hands over to a new person: the new account to activate, the old one disabled. */
    @POST
    @Path("/{id}/contacts/{accountId}/handover")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Role.N_OFFICE, Role.N_ADMIN, Role.N_ENTERPRISE_DESK, Role.N_ENTERPRISE_CONTACT })
    @Idempotent
    public Uni<Response> handoverContact(@PathParam("id") UUID id, @PathParam("accountId") UUID accountId,
            @Valid @NotNull EnterpriseDtos.NewContact input) {
        return contacts.handover(caller.get(), id, accountId, input)
                .map(c -> Response.status(Response.Status.CREATED).entity(c).build());
    }

    /** Which groups have been assigned to the enterprise, newest first (the history is never rewritten). */
    @GET
    @Path("/{id}/assignments")
    @Authenticated
    public Uni<List<AssignmentView>> assignments(@PathParam("id") UUID id) {
        return groups.assignmentsOf(caller.get(), id);
    }

    static Response.ResponseBuilder withEtag(Response.ResponseBuilder builder, EnterpriseView v) {
        return builder.header(HttpHeaders.ETAG, Preconditions.etag(v.version()));
    }
}
