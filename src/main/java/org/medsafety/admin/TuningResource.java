package org.medsafety.admin;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.medsafety.api.ApiDefinition;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.Ruleset;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;
import org.medsafety.errors.ResourceNotFoundException;
import org.medsafety.errors.VersionConflictException;
import org.medsafety.knowledge.LocalTuning;
import org.medsafety.security.Roles;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Local tuning with a paper trail: a pharmacist disables a rule or a knowledge row, or lowers a row's severity, for
 * this site, with a mandatory reason. Each change is a new ruleset version (knowledge-base/local-tuning.csv changes),
 * published through the same checks, recorded with its author, and named on the affected cards.
 * <p>
 * Optimistic concurrency: a change is made on one base version, the active one in the database (read once, files
 * and tuning rows alike), or the one the client names (If-Match or {@code baseVersion}); it is activated only if
 * that version is still active, so two concurrent tunings never silently drop one another: the second gets 409.
 */
@Tag(name = "Tuning")
@SecurityRequirement(name = ApiDefinition.STAFF_TOKEN)
@SecurityRequirement(name = ApiDefinition.LOCAL_USER)
@Path("/admin/tuning")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PHARMACIST)
@Blocking
public class TuningResource {

    @Inject
    RulesetPublisher publisher;

    @Inject
    RulesetStore store;

    @Inject
    ActiveRuleset active;

    @Inject
    AdminLog adminLog;

    @Inject
    SecurityIdentity identity;

    /** A tuning request; {@code baseVersion} (optional) is the version the change was made on. */
    public record Change(String target, String action, String severity, String reason, String baseVersion) {
    }

    /** This instance's tuning rows; the ETag is the version they belong to, for If-Match on the next change. */
    @GET
    @Operation(summary = "The local tunings in force",
            description = "Role pharmacist.")
    @APIResponse(responseCode = "200", description = "The tunings", headers = @Header(name = "ETag",
            description = "The ruleset version, for If-Match"),
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = LocalTuning.Entry[].class)))
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response current() {
        Ruleset ruleset = active.current();
        return Response.ok(List.copyOf(ruleset.knowledge().tuning().entries().values())).tag(ruleset.version())
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Disable a rule or row, or lower a row's severity, for this site",
            description = "Role pharmacist. A new ruleset version, published through the same checks, made on the "
                    + "version named by If-Match or baseVersion (or the active one).")
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "The ruleset version the change was made on "
            + "(ETag of GET /admin/rulesets/active); 409 if it is no longer active")
    @APIResponse(responseCode = "200", ref = "PublicationDone")
    @APIResponse(responseCode = "422", ref = "PublicationRefused")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response tune(Change change, @HeaderParam("If-Match") String ifMatch) {
        if (change == null || blank(change.target()) || blank(change.action())) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                    "target and action (disable or lower) are required");
        }
        if (blank(change.reason())) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "a reason is required for every local tuning");
        }
        if ("lower".equals(change.action()) && blank(change.severity())) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                    "lowering needs the new severity (moderate or minor, …)");
        }
        String actor = identity.getPrincipal().getName();
        Base base = base(BaseVersion.of(ifMatch, change.baseVersion()), actor);
        TuningTable table = TuningTable.of(base.files());
        table.put(change.target(), change.action(), change.severity(), change.reason(), actor,
                LocalDate.now(ZoneOffset.UTC).toString());
        return publish(base, table, change.action() + " " + change.target(), change.reason(), actor);
    }

    @DELETE
    @Path("{target}")
    @Operation(summary = "Undo a local tuning",
            description = "Role pharmacist. A new ruleset version without it.")
    @Parameter(name = "target", in = ParameterIn.PATH, description = "The rule id or knowledge row id tuned")
    @Parameter(name = "reason", in = ParameterIn.QUERY, description = "Why: kept in the admin record")
    @Parameter(name = "baseVersion", in = ParameterIn.QUERY, description = "The version the change was made on (or "
            + "If-Match)")
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, description = "The ruleset version the change was made on "
            + "(ETag of GET /admin/rulesets/active); 409 if it is no longer active")
    @APIResponse(responseCode = "200", ref = "PublicationDone")
    @APIResponse(responseCode = "422", ref = "PublicationRefused")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Response undo(@PathParam("target") String target, @QueryParam("reason") String reason,
                         @QueryParam("baseVersion") String baseVersion, @HeaderParam("If-Match") String ifMatch) {
        if (blank(reason)) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER,
                    "a reason is required to undo a local tuning");
        }
        String actor = identity.getPrincipal().getName();
        Base base = base(BaseVersion.of(ifMatch, baseVersion), actor);
        TuningTable table = TuningTable.of(base.files());
        if (!table.remove(target)) {
            throw new ResourceNotFoundException(ErrorCode.UNKNOWN_TUNING,
                    "no local tuning for " + target + " in the active "
                    + "version " + base.version());
        }
        return publish(base, table, "undo tuning of " + target, reason, actor);
    }

    /** The version a change is made on, and its files, read once from the database. */
    private record Base(String version, RulesetFiles files) {
    }

    private Base base(String named, String actor) {
        ActivationLog.Activation latest = store.latest();
        ActivationLog.Precondition expected = ActivationLog.Precondition.active(named);
        if (latest == null || !expected.holdsFor(latest)) {
            ActivationLog.Conflict conflict = new ActivationLog.Conflict(expected, latest);
            adminLog.record(actor, "tune", named, "conflict", conflict.getMessage());
            throw new VersionConflictException(ErrorCode.RULESET_CHANGED, conflict.getMessage());
        }
        RulesetFiles files = store.load(latest.version());
        if (files == null) {
            throw new VersionConflictException(ErrorCode.ACTIVE_RULESET_NOT_STORED,
                    "the active ruleset " + latest.version()
                    + " is not stored; publish it again (POST /admin/rulesets/reload) first");
        }
        return new Base(latest.version(), files);
    }

    private Response publish(Base base, TuningTable table, String label, String reason, String actor) {
        return AdminResource.answer(publisher.publish(table.applyTo(base.files()), "local tuning: " + label, actor,
                reason, "tune", ActivationLog.Precondition.active(base.version())));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
