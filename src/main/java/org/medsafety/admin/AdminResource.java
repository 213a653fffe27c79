package org.medsafety.admin;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.medsafety.api.ApiDefinition;
import org.medsafety.audit.EvaluationFilter;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.Ruleset;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;
import org.medsafety.errors.ResourceNotFoundException;
import org.medsafety.security.Roles;

import java.util.List;

/**
 * Ruleset lifecycle for pharmacists: validate, publish (from the configured folders or a zip), history, activate
 * any stored version (rollback), and replay stored evaluations against a version before publishing it.
 */
@Tag(name = "Rulesets")
@SecurityRequirement(name = ApiDefinition.STAFF_TOKEN)
@SecurityRequirement(name = ApiDefinition.LOCAL_USER)
@Path("/admin/rulesets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PHARMACIST)
@Blocking
public class AdminResource {

    @Inject
    RulesetPublisher publisher;

    @Inject
    RulesetStore store;

    @Inject
    ActiveRuleset active;

    @Inject
    Replay replay;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("reload")
    @Operation(summary = "Publish the configured folders",
            description = "Role pharmacist. Runs every check (compile, knowledge, scenarios), stores the version and "
                    + "activates it on every instance.")
    @Parameter(name = "label", in = ParameterIn.QUERY, description = "A label for the version")
    @Parameter(name = "reason", in = ParameterIn.QUERY, description = "Why: kept in the admin record")
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "The ruleset version the change was made on "
            + "(ETag of GET /admin/rulesets/active); 409 if it is no longer active")
    @APIResponse(responseCode = "200", ref = "PublicationDone")
    @APIResponse(responseCode = "422", ref = "PublicationRefused")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response reload(@QueryParam("label") String label, @QueryParam("reason") String reason,
                           @HeaderParam("If-Match") String ifMatch) {
        ActivationLog.Precondition precondition = precondition(ifMatch);
        RulesetFiles files = publisher.configuredFiles();
        return answer(publisher.publish(files, label == null ? "reload of the configured folders" : label, actor(),
                reason, "reload", precondition));
    }

    @POST
    @Consumes({"application/zip", "application/octet-stream"})
    @Operation(summary = "Publish an uploaded ruleset",
            description = "Role pharmacist. The same checks as a reload, on the zip.")
    @Parameter(name = "label", in = ParameterIn.QUERY, description = "A label for the version")
    @Parameter(name = "reason", in = ParameterIn.QUERY, description = "Why: kept in the admin record")
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "The ruleset version the change was made on "
            + "(ETag of GET /admin/rulesets/active); 409 if it is no longer active")
    @RequestBody(description = "A ruleset as a zip of rules/ and knowledge-base/",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING,
                    format = "binary")))
    @APIResponse(responseCode = "200", ref = "PublicationDone")
    @APIResponse(responseCode = "422", ref = "PublicationRefused")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response publishZip(byte[] zip, @QueryParam("label") String label, @QueryParam("reason") String reason,
                               @HeaderParam("If-Match") String ifMatch) {
        ActivationLog.Precondition precondition = precondition(ifMatch);
        RulesetFiles files = fromZip(zip);
        return answer(publisher.publish(files, label == null ? "uploaded by " + actor() : label, actor(), reason,
                "publish", precondition));
    }

    /** No body: validates the configured folders; a zip body: validates that candidate. Nothing is swapped. */
    @POST
    @Path("validate")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Validate without publishing",
            description = "Role pharmacist. No body: the configured folders; a zip body: that candidate. Nothing is "
                    + "stored or swapped.")
    @RequestBody(required = false, description = "A ruleset as a zip of rules/ and knowledge-base/",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING,
                    format = "binary")))
    @APIResponse(responseCode = "200", ref = "PublicationDone")
    @APIResponse(responseCode = "422", ref = "PublicationRefused")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    public Response validate(byte[] zip) {
        boolean upload = zip != null && zip.length > 0;
        RulesetFiles files = upload ? fromZip(zip) : publisher.configuredFiles();
        return answer(publisher.validate(files, actor(), upload ? "uploaded zip" : "configured folders"));
    }

    @GET
    @Operation(summary = "Every stored version, newest first",
            description = "Role pharmacist.")
    @APIResponse(responseCode = "200", description = "The versions")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public List<RulesetVersionView> history() {
        return store.history().stream().map(RulesetVersionView::of).toList();
    }

    /** The version this instance serves; its ETag is the version, for If-Match on a change made on it. */
    @GET
    @Path("active")
    @Operation(summary = "The version this instance serves",
            description = "Role pharmacist.")
    @APIResponse(responseCode = "200", description = "The version and its activation", headers = @Header(name = "ETag",
            description = "The ruleset version, for If-Match"),
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ActiveRulesetView.class)))
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response activeVersion() {
        ActiveRuleset.Served served = active.served();
        Ruleset ruleset = served.ruleset();
        RulesetVersionRecord stored = store.version(ruleset.version());
        ActiveRulesetView body = new ActiveRulesetView(ruleset.version(), stored == null ? null : stored.label,
                stored == null ? null : stored.author, stored == null ? null : stored.reason,
                stored == null ? null : stored.publishedAt.toString(), stored == null ? null : stored.active,
                ruleset.rules().size(), served.activationId(), ruleset.knowledge().interactionPairCount());
        return Response.ok(body).tag(ruleset.version()).build();
    }

    @GET
    @Path("{version}")
    @Operation(summary = "One stored version and its files",
            description = "Role pharmacist.")
    @Parameter(name = "version", in = ParameterIn.PATH, description = "A ruleset version (64 hexadecimal characters)")
    @APIResponse(responseCode = "200", description = "The version")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public RulesetDetail show(@PathParam("version") String version) {
        RulesetVersionRecord stored = store.version(version);
        if (stored == null) {
            throw new ResourceNotFoundException(ErrorCode.UNKNOWN_RULESET_VERSION, "no ruleset version " + version);
        }
        return new RulesetDetail(RulesetVersionView.of(stored), store.paths(version));
    }

    @POST
    @Path("{version}/activate")
    @Operation(summary = "Activate a stored version (roll back or forward)",
            description = "Role pharmacist. The version is checked again before it is served.")
    @Parameter(name = "version", in = ParameterIn.PATH, description = "A ruleset version (64 hexadecimal characters)")
    @Parameter(name = "reason", in = ParameterIn.QUERY, description = "Why: kept in the admin record")
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "The ruleset version the change was made on "
            + "(ETag of GET /admin/rulesets/active); 409 if it is no longer active")
    @APIResponse(responseCode = "200", ref = "PublicationDone")
    @APIResponse(responseCode = "422", ref = "PublicationRefused")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response activate(@PathParam("version") String version, @QueryParam("reason") String reason,
                             @HeaderParam("If-Match") String ifMatch) {
        RulesetPublisher.Report report = publisher.activate(version, actor(), reason, precondition(ifMatch));
        if (report == null) {
            throw new ResourceNotFoundException(ErrorCode.UNKNOWN_RULESET_VERSION, "no ruleset version " + version);
        }
        return answer(report);
    }

    /** What-if: re-evaluates stored evaluations against a stored version and reports what would change, per rule. */
    @POST
    @Path("{version}/replay")
    @Operation(summary = "What-if with a stored version",
            description = "Role pharmacist. Re-evaluates stored evaluations and reports, per rule, the alerts that "
                    + "would appear, disappear or change severity. Writes nothing but the admin record.")
    @Parameter(name = "version", in = ParameterIn.PATH, description = "A ruleset version (64 hexadecimal characters)")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "Stored evaluations from this instant (ISO-8601)")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Before this instant (ISO-8601)")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "At most this many evaluations, newest first (1 "
            + "to 10000)")
    @APIResponse(responseCode = "200", description = "What would change")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public ReplayReport replay(@PathParam("version") String version, @QueryParam("from") String from,
                                      @QueryParam("to") String to,
                                              @QueryParam("limit") @DefaultValue("1000") int limit) {
        RulesetFiles files = store.load(version);
        if (files == null) {
            throw new ResourceNotFoundException(ErrorCode.UNKNOWN_RULESET_VERSION, "no ruleset version " + version);
        }
        return replay.run(version, files, EvaluationFilter.instant(from, "from"), EvaluationFilter.instant(to, "to"), limit, actor());
    }

    /** What-if on an uploaded candidate (zip), before publishing it. */
    @POST
    @Path("replay")
    @Consumes({"application/zip", "application/octet-stream"})
    @Operation(summary = "What-if with an uploaded ruleset",
            description = "Role pharmacist. As the replay of a stored version, for a zip not yet published.")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "Stored evaluations from this instant (ISO-8601)")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Before this instant (ISO-8601)")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "At most this many evaluations, newest first (1 "
            + "to 10000)")
    @RequestBody(description = "A ruleset as a zip of rules/ and knowledge-base/",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = SchemaType.STRING,
                    format = "binary")))
    @APIResponse(responseCode = "200", description = "What would change")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public ReplayReport replayCandidate(byte[] zip, @QueryParam("from") String from,
                                               @QueryParam("to") String to,
                                               @QueryParam("limit") @DefaultValue("1000") int limit) {
        RulesetFiles files = fromZip(zip);
        return replay.run("candidate", files, EvaluationFilter.instant(from, "from"), EvaluationFilter.instant(to, "to"), limit, actor());
    }

    private static RulesetFiles fromZip(byte[] zip) {
        try {
            return RulesetArchive.read(zip == null ? new byte[0] : zip);
        } catch (RulesetArchive.Invalid e) {
            throw new InvalidRequestException(ErrorCode.INVALID_RULESET_ARCHIVE, e.getMessage());
        }
    }

    /** Without If-Match the newest request wins; with it, only if the version it names is still active (else 409). */
    private static ActivationLog.Precondition precondition(String ifMatch) {
        return ActivationLog.Precondition.active(BaseVersion.of(ifMatch, null));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    /** The JSON answer to a publication, validation, activation or tuning: 422 when refused. */
    static Response answer(RulesetPublisher.Report report) {
        return Response.status("refused".equals(report.status()) ? 422 : 200).entity(PublicationReport.of(report))
                .build();
    }
}
