package org.medsafety.admin;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;
import org.medsafety.security.Roles;

import java.util.List;

/** The record of admin actions (publish, validate, activate, tune, replay, purge), newest first. Read-only. */
@Tag(name = "Records")
@SecurityRequirement(name = ApiDefinition.STAFF_TOKEN)
@SecurityRequirement(name = ApiDefinition.LOCAL_USER)
@Path("/admin/actions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PHARMACIST, Roles.AUDITOR, Roles.RECORDS_OFFICER})
public class AdminActionsResource {

    @GET
    @Operation(summary = "The admin record, newest first",
            description = "Roles pharmacist, auditor, records-officer: every publish, validate, activate, tune, "
                    + "replay and purge.")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "How many, 1 to 1000")
    @APIResponse(responseCode = "200", description = "The actions")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public List<AdminAction> recent(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER, "limit must be between 1 and 1000");
        }
        return AdminActionRecord.<AdminActionRecord>findAll(Sort.descending("id")).page(0, limit).list().stream()
                .map(AdminAction::of).toList();
    }
}
