package org.medsafety.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.medsafety.api.ApiDefinition;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;
import org.medsafety.errors.ResourceNotFoundException;
import org.medsafety.security.Roles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Read access to the audit trail for auditors: search with filters and keyset pagination, one record in full, and
 * streamed export. There is no write endpoint, and every read is itself recorded.
 */
@Tag(name = "Audit")
@SecurityRequirement(name = ApiDefinition.STAFF_TOKEN)
@SecurityRequirement(name = ApiDefinition.LOCAL_USER)
@Path("/audit/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Blocking
public class AuditResource {

    static final int MAX_PAGE = 500;

    @Inject
    ObjectMapper json;

    @Inject
    AuditReads reads;

    @Inject
    SecurityIdentity identity;

    /** Evaluations matching the filters, newest first; {@code next} is the cursor for the following page. */
    @GET
    @Operation(summary = "Search evaluations, newest first",
            description = "Role auditor. Every search is itself recorded in the audit-read chain.")
    @Parameter(name = "patientId", in = ParameterIn.QUERY, description = "Only this patient")
    @Parameter(name = "userId", in = ParameterIn.QUERY, description = "Only this clinician")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "From this instant (ISO-8601, inclusive)")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Before this instant (ISO-8601)")
    @Parameter(name = "service", in = ParameterIn.QUERY, description = "Only this CDS service id")
    @Parameter(name = "ruleId", in = ParameterIn.QUERY, description = "Only evaluations with a card from this rule")
    @Parameter(name = "drug", in = ParameterIn.QUERY, description = "Only evaluations with a card naming this drug")
    @Parameter(name = "indicator", in = ParameterIn.QUERY, description = "info, warning or critical")
    @Parameter(name = "outcome", in = ParameterIn.QUERY, description = "Feedback outcome: accepted, overridden or none")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size, 1 to 500")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "The next of the previous page")
    @Parameter(name = "before", in = ParameterIn.QUERY, description = "Older name of cursor")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public EvaluationPage search(@QueryParam("patientId") String patientId, @QueryParam("userId") String userId,
                                      @QueryParam("from") String from, @QueryParam("to") String to,
                                      @QueryParam("service") String service, @QueryParam("ruleId") String ruleId,
                                      @QueryParam("drug") String drug, @QueryParam("indicator") String indicator,
                                      @QueryParam("outcome") String outcome,
                                      @QueryParam("limit") @DefaultValue("50") int limit,
                                      @QueryParam("cursor") Long cursor, @QueryParam("before") Long before) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER, "limit must be between 1 and " + MAX_PAGE);
        }
        EvaluationFilter filter = new EvaluationFilter(patientId, userId, from, to, service, ruleId, drug, indicator,
                outcome);
        Map<String, Object> params = new HashMap<>();
        String where = filter.where(params);
        Long after = cursor != null ? cursor : before;
        if (after != null) {
            where += " and e.id < :cursor";
            params.put("cursor", after);
        }
        List<EvaluationRecord> page = EvaluationRecord.<EvaluationRecord>find("from EvaluationRecord e where " + where,
                Sort.descending("id"), params).page(0, limit + 1).list();
        boolean more = page.size() > limit;
        List<EvaluationRecord> items = more ? page.subList(0, limit) : page;
        reads.record(actor(), "search", filter.patientId, filter.describe(), items.size());
        return new EvaluationPage(items.stream().map(this::item).toList(),
                more ? items.get(items.size() - 1).id : null);
    }

    /** One evaluation in full: the snapshot the rules saw, the cards, each card's feedback, and its chain hashes. */
    @GET
    @Path("{id}")
    @Operation(summary = "One evaluation in full",
            description = "Role auditor: the snapshot the rules saw, the cards, each card's feedback and the chain "
                    + "hashes.")
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The evaluation id")
    @APIResponse(responseCode = "200", description = "The evaluation")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public EvaluationDetail one(@PathParam("id") long id) {
        EvaluationRecord e = EvaluationRecord.findById(id);
        if (e == null) {
            throw new ResourceNotFoundException(ErrorCode.UNKNOWN_EVALUATION, "no evaluation " + id);
        }
        List<CardRecord> cards = CardRecord.list("evaluationId", Sort.ascending("id"), e.id);
        Map<String, List<FeedbackView>> feedback = new LinkedHashMap<>();
        for (CardRecord c : cards) {
            List<FeedbackRecord> entries = FeedbackRecord.list("cardUuid", Sort.ascending("outcomeTimestamp"), c.cardUuid);
            feedback.put(c.cardUuid, entries.stream().map(FeedbackView::of).toList());
        }
        reads.record(actor(), "evaluation", e.patientId, "id=" + id, 1);
        return new EvaluationDetail(item(e), parse(e.snapshotJson), feedback, e.prevHash, e.recordHash);
    }

    /** Every matching evaluation, streamed: CSV (one row per card) or NDJSON (one evaluation per line). */
    @GET
    @Path("export")
    @Produces({"text/csv", "application/x-ndjson"})
    @Operation(summary = "Export evaluations",
            description = "Role auditor. Streamed: CSV (one row per card) or NDJSON (one evaluation per line).")
    @Parameter(name = "format", in = ParameterIn.QUERY, description = "csv or ndjson (default)")
    @Parameter(name = "patientId", in = ParameterIn.QUERY, description = "Only this patient")
    @Parameter(name = "userId", in = ParameterIn.QUERY, description = "Only this clinician")
    @Parameter(name = "from", in = ParameterIn.QUERY, description = "From this instant (ISO-8601, inclusive)")
    @Parameter(name = "to", in = ParameterIn.QUERY, description = "Before this instant (ISO-8601)")
    @Parameter(name = "service", in = ParameterIn.QUERY, description = "Only this CDS service id")
    @Parameter(name = "ruleId", in = ParameterIn.QUERY, description = "Only evaluations with a card from this rule")
    @Parameter(name = "drug", in = ParameterIn.QUERY, description = "Only evaluations with a card naming this drug")
    @Parameter(name = "indicator", in = ParameterIn.QUERY, description = "info, warning or critical")
    @Parameter(name = "outcome", in = ParameterIn.QUERY, description = "Feedback outcome: accepted, overridden or none")
    @APIResponse(responseCode = "200", description = "The export, as an attachment", content = {
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "NotAuthenticated")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Response export(@QueryParam("format") @DefaultValue("ndjson") String format,
                           @QueryParam("patientId") String patientId, @QueryParam("userId") String userId,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("service") String service, @QueryParam("ruleId") String ruleId,
                           @QueryParam("drug") String drug, @QueryParam("indicator") String indicator,
                           @QueryParam("outcome") String outcome) {
        if (!format.equals("csv") && !format.equals("ndjson")) {
            throw new InvalidRequestException(ErrorCode.INVALID_PARAMETER, "format must be csv or ndjson");
        }
        EvaluationFilter filter = new EvaluationFilter(patientId, userId, from, to, service, ruleId, drug, indicator,
                outcome);
        Map<String, Object> params = new HashMap<>();
        String query = "from EvaluationRecord e where " + filter.where(params);
        reads.record(actor(), "export-" + format, filter.patientId, filter.describe(), null);
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
                try (Stream<EvaluationRecord> rows = EvaluationRecord.<EvaluationRecord>find(query,
                        Sort.ascending("id"), params).withHint("org.hibernate.fetchSize", 500).stream()) {
                    if (format.equals("csv")) {
                        write(writer, ExportFormat.CSV_HEADER);
                    }
                    rows.forEach(e -> {
                        write(writer, format.equals("csv") ? ExportFormat.csvRows(e, parse(e.cardsJson))
                                : ExportFormat.ndjsonLine(json, item(e)));
                        EvaluationRecord.getEntityManager().detach(e);
                    });
                }
            });
            writer.flush();
        };
        return Response.ok(body, format.equals("csv") ? "text/csv" : "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"evaluations." + format + "\"").build();
    }

    private static void write(Writer writer, String text) {
        try {
            writer.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EvaluationView item(EvaluationRecord e) {
        return EvaluationView.of(e, parse(e.cardsJson));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
