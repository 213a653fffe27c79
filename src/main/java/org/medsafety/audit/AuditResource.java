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
