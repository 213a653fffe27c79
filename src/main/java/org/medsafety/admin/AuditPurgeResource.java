package org.medsafety.admin;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.medsafety.api.ApiDefinition;
import org.medsafety.audit.RetentionPurge;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;
import org.medsafety.errors.ServiceException;
import org.medsafety.security.Roles;


/**
 * The one way audit records ever leave the database: past retention, exported first, by a recorded admin action.
 * Only a records officer may run it: the pharmacists who write the rules must not be able to erase their trail.
 */
@Tag(name = "Records")
@SecurityRequirement(name = ApiDefinition.STAFF_TOKEN)
@SecurityRequirement(name = ApiDefinition.LOCAL_USER)
@Path("/admin/audit/purge")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RECORDS_OFFICER)
@Blocking
public class AuditPurgeResource {

    @Inject
    RetentionPurge retention;

    @Inject
    AdminLog adminLog;

    @Inject
    SecurityIdentity identity;

    @POST
    @Operation(summary = "Export, then delete, audit records past retention",
            description = "Role records-officer. Never records younger than six years; the archive's SHA-256 is "
                    + "recorded.")
    @Parameter(name = "reason", in = ParameterIn.QUERY, description = "Why: kept in the admin record")
    @APIResponse(responseCode = "200", description = "What was purged and archived")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public PurgeReport purge(@QueryParam("reason") String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER,
                    "a reason is required to purge audit records");
        }
        String actor = identity.getPrincipal().getName();
        try {
            RetentionPurge.Outcome o = retention.purge(actor, reason);
            if (o.adminActionId() == null) {
                // Nothing past retention: no deletion to record it with, so it is recorded on its own.
                adminLog.record(actor, "audit-purge", null, "done", reason + "; nothing recorded before "
                        + o.cutoff());
            }
            return PurgeReport.of(o);
        } catch (ServiceException e) {
            adminLog.record(actor, "audit-purge", null, "refused", reason + "; " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            adminLog.record(actor, "audit-purge", null, "failed", reason);
            throw e;
        }
    }
}
