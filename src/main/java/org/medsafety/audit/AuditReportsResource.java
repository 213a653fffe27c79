package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.Tuple;
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
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.ForbiddenOperationException;
import org.medsafety.errors.InvalidRequestException;
import org.medsafety.knowledge.KnowledgeRowCatalog;
import org.medsafety.security.Roles;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Alert statistics and the integrity check of the audit chain, for auditors, pharmacists hunting alert fatigue, and
 * records officers checking the chain around a purge. Statistics per clinician are for auditors only: override
 * rates by named clinician are performance data about staff, not something the rule authors need.
 */
@Tag(name = "Audit")
@SecurityRequirement(name = ApiDefinition.STAFF_TOKEN)
@SecurityRequirement(name = ApiDefinition.LOCAL_USER)
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuditReportsResource {

    static final Set<String> GROUPS = Set.of("rule", "knowledge", "drug", "user", "day");

    @Inject
    IntegrityCheck integrity;

    @Inject
    AuditReads reads;

    @Inject
    SecurityIdentity identity;

    @Inject
    ActiveRuleset active;

    /**
     * Verifies every audit chain: incrementally from each chain's newest signed checkpoint, or everything with
     * {@code full=true}. Writes nothing. The top-level {@code checked}, {@code firstBroken}, {@code fromId} and
     * {@code toId} are the evaluation chain's; {@code chains} has each chain and {@code problems} says what was found.
     */
    @GET
    @Path("integrity")
    @RolesAllowed({Roles.AUDITOR, Roles.PHARMACIST, Roles.RECORDS_OFFICER})
    @Operation(summary = "Check the audit chains",
            description = "Roles auditor, pharmacist, records-officer. Verifies every hash chain against its head "
                    + "and the signed checkpoints, incrementally or in full; names what was altered, removed or "
                    + "forged. Writes nothing.")
    @Parameter(name = "full", in = ParameterIn.QUERY, description = "true: from the first record, not from the "
            + "newest signed checkpoint")
    @APIResponse(responseCode = "200", description = "The verdict, per chain, with the problems found")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public IntegrityReport integrity(@QueryParam("full") @DefaultValue("false") boolean full) {
        return IntegrityReport.of(integrity.run(full), full);
    }

    @GET
    @Path("stats")
    @RolesAllowed({Roles.AUDITOR, Roles.PHARMACIST})
    @Operation(summary = "Alert and override statistics",
            description = "Roles auditor and pharmacist; groupBy=user for auditors only.")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "From this instant (ISO-8601)")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Before this instant (ISO-8601)")
    @Parameter(name = "groupBy", in = ParameterIn.QUERY, description = "rule (default), knowledge, drug, user or day")
    @APIResponse(responseCode = "200", description = "The groups, most fired first")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public AlertStatisticsReport stats(@QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("groupBy") @DefaultValue("rule") String groupBy) {
        if (!GROUPS.contains(groupBy)) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER,
                    "groupBy must be rule, knowledge, drug, user or day");
        }
        if (groupBy.equals("user") && !identity.hasRole(Roles.AUDITOR)) {
            throw new ForbiddenOperationException(ErrorCode.ROLE_NOT_ALLOWED,
                    "statistics per clinician (groupBy=user) are for auditors; group by rule, knowledge, drug or day");
        }
        EvaluationFilter filter = new EvaluationFilter(null, null, from, to, null, null, null, null, null);
        Map<String, Object> params = new HashMap<>();
        params.put("from", filter.from == null ? Instant.EPOCH : filter.from);
        params.put("to", filter.to == null ? Instant.now().plusSeconds(1) : filter.to);
        // Rows are described from the knowledge base being served; a row only older versions had keeps its id alone.
        KnowledgeRowCatalog catalog = groupBy.equals("knowledge") ? activeCatalog() : null;
        AlertStatistics stats = new AlertStatistics(groupBy, id -> catalog == null ? null : catalog.row(id));
        long[] cards = {0};
        QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
            // Each card with its latest feedback (by outcome time), if any.
            var query = CardRecord.getEntityManager().createQuery(
                    "select c.ruleId, c.drugs, e.userId, e.evaluatedAt, c.indicator, f.outcome, f.overrideCode, "
                            + "f.overrideDisplay, c.knowledgeId, c.checkKind from CardRecord c join EvaluationRecord "
                            + "e on c.evaluationId = e.id "
                            + "left join FeedbackRecord f on f.cardUuid = c.cardUuid and f.outcomeTimestamp = "
                            + "(select max(f2.outcomeTimestamp) from FeedbackRecord f2 where f2.cardUuid = c.cardUuid) "
                            + "where e.evaluatedAt >= :from and e.evaluatedAt < :to", Tuple.class);
            params.forEach(query::setParameter);
            query.setHint("org.hibernate.fetchSize", 1000);
            try (Stream<Tuple> rows = query.getResultStream()) {
                rows.forEach(t -> {
                    cards[0]++;
                    stats.add(new AlertStatistics.CardRow(t.get(0, String.class), t.get(1, String.class),
                            t.get(2, String.class), t.get(3, Instant.class), t.get(4, String.class),
                            t.get(5, String.class), t.get(6, String.class), t.get(7, String.class),
                            t.get(8, String.class), t.get(9, String.class)));
                });
            }
        });
        reads.record(identity.getPrincipal().getName(), "stats", null, "groupBy=" + groupBy + " " + filter.describe(),
                (int) Math.min(Integer.MAX_VALUE, cards[0]));
        return new AlertStatisticsReport(params.get("from").toString(), params.get("to").toString(), groupBy,
                cards[0], stats.result());
    }

    private KnowledgeRowCatalog activeCatalog() {
        try {
            return active.current().knowledge().rowCatalog();
        } catch (IllegalStateException e) {
            return null; // no ruleset active yet: rows are named by id only
        }
    }
}
