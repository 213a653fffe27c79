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
    public Response reload(@QueryParam("label") String label, @QueryParam("reason") String reason,
                           @HeaderParam("If-Match") String ifMatch) {
        ActivationLog.Precondition precondition = precondition(ifMatch);
        RulesetFiles files = publisher.configuredFiles();
        return answer(publisher.publish(files, label == null ? "reload of the configured folders" : label, actor(),
                reason, "reload", precondition));
    }

    @POST
    @Consumes({"application/zip", "application/octet-stream"})
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
    public Response validate(byte[] zip) {
        boolean upload = zip != null && zip.length > 0;
        RulesetFiles files = upload ? fromZip(zip) : publisher.configuredFiles();
        return answer(publisher.validate(files, actor(), upload ? "uploaded zip" : "configured folders"));
    }

    @GET
    public List<RulesetVersionView> history() {
        return store.history().stream().map(RulesetVersionView::of).toList();
    }

    /** The version this instance serves; its ETag is the version, for If-Match on a change made on it. */
    @GET
    @Path("active")
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
    public RulesetDetail show(@PathParam("version") String version) {
        RulesetVersionRecord stored = store.version(version);
        if (stored == null) {
            throw new ResourceNotFoundException(ErrorCode.UNKNOWN_RULESET_VERSION, "no ruleset version " + version);
        }
        return new RulesetDetail(RulesetVersionView.of(stored), store.paths(version));
    }

    @POST
    @Path("{version}/activate")
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
    public ReplayReport replay(@PathParam("version") String version, @QueryParam("from") String from,
                                      @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("1000") int limit) {
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
