package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The signed checkpoints, for an auditor or an outside party to keep copies of: with a copy taken today, a chain
 * rewritten tomorrow (even with every hash recomputed) no longer matches what was signed. Each entry has the exact
 * signed text; the public keys are listed so that signatures can be checked offline (docs/auditor-guide.md).
 * The list joins the database's checkpoints and those of this instance's file; one only in the file says
 * {@code "inDatabase": false} (it was removed from the database).
 */
@Tag(name = "Audit")
@SecurityRequirement(name = ApiDefinition.STAFF_TOKEN)
@SecurityRequirement(name = ApiDefinition.LOCAL_USER)
@Path("/audit/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Blocking
public class AuditCheckpointsResource {

    static final int MAX_PAGE = 10_000;

    @Inject
    CheckpointKeys keys;

    @GET
    @Operation(summary = "The signed checkpoints and their public keys",
            description = "Role auditor: for keeping copies and verifying signatures offline (docs/auditor-guide.md).")
    @Parameter(name = "after", in = ParameterIn.QUERY, description = "Only checkpoints with a greater id")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size, 1 to 10000")
    @APIResponse(responseCode = "200", description = "Keys and checkpoints")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public CheckpointList list(@QueryParam("after") @DefaultValue("0") long after,
                                    @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER, "limit must be between 1 and " + MAX_PAGE);
        }
        List<ChainCheckpoint> rows = QuarkusTransaction.requiringNew().call(() -> ChainCheckpoint
                .<ChainCheckpoint>find("id > ?1 and signature is not null order by id", after).page(0, limit + 1)
                .list());
        Map<Long, SignedCheckpoint> fromFile = new HashMap<>();
        for (SignedCheckpoint c : keys.file().read().checkpoints()) {
            if (c.id() != null && c.id() > after) {
                fromFile.put(c.id(), c);
            }
        }
        List<CheckpointList.Checkpoint> items = new ArrayList<>();
        for (ChainCheckpoint row : rows) {
            SignedCheckpoint c = SignedCheckpoint.of(row);
            items.add(CheckpointList.Checkpoint.of(c, true, fromFile.remove(c.id()) != null));
        }
        boolean more = rows.size() > limit;
        long lastDbId = rows.isEmpty() ? Long.MAX_VALUE : rows.get(rows.size() - 1).id;
        fromFile.values().stream().filter(c -> !more || c.id() < lastDbId)
                .forEach(c -> items.add(CheckpointList.Checkpoint.of(c, false, true)));
        items.sort(Comparator.comparingLong(CheckpointList.Checkpoint::id));
        List<CheckpointList.Checkpoint> page = items.size() > limit ? items.subList(0, limit) : items;

        List<CheckpointList.PublicKey> publicKeys = new ArrayList<>();
        for (Map.Entry<String, PublicKey> k : keys.trusted().entrySet()) {
            publicKeys.add(new CheckpointList.PublicKey(k.getKey(), "Ed25519",
                    k.getKey().equals(keys.signing().keyId()), AuditSigningKey.publicKeyPem(k.getValue())));
        }
        return new CheckpointList(publicKeys, page,
                items.size() > limit || more ? page.get(page.size() - 1).id() : null);
    }
}
