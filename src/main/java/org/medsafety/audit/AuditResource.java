package org.medsafety.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.medsafety.cdshooks.InvalidRequestException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read access to the audit trail for auditors. Nobody edits it: there is no write endpoint. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("auditor")
public class AuditResource {

    static final int MAX_PAGE = 500;

    @Inject
    ObjectMapper json;

    /**
     * Evaluations for one patient, newest first. {@code before} is the {@code next} cursor of the previous page.
     */
    @GET
    @Path("evaluations")
    public Map<String, Object> evaluations(@QueryParam("patientId") String patientId,
                                           @QueryParam("limit") @DefaultValue("50") int limit,
                                           @QueryParam("before") Long before) {
        if (patientId == null || patientId.isBlank()) {
            throw InvalidRequestException.badRequest("patientId is required");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw InvalidRequestException.badRequest("limit must be between 1 and " + MAX_PAGE);
        }
        Parameters params = Parameters.with("patientId", patientId).and("before", before == null ? Long.MAX_VALUE : before);
        List<EvaluationRecord> page = EvaluationRecord.<EvaluationRecord>find(
                "patientId = :patientId and id < :before", Sort.descending("id"), params).page(0, limit + 1).list();
        boolean more = page.size() > limit;
        List<EvaluationRecord> items = more ? page.subList(0, limit) : page;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("items", items.stream().map(this::item).toList());
        result.put("next", more ? items.get(items.size() - 1).id : null);
        return result;
    }

    private Map<String, Object> item(EvaluationRecord e) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", e.id);
        item.put("hookInstance", e.hookInstance);
        item.put("service", e.serviceId);
        item.put("hook", e.hook);
        item.put("time", e.evaluatedAt.toString());
        item.put("patientId", e.patientId);
        item.put("userId", e.userId);
        item.put("encounterId", e.encounterId);
        item.put("rulesetVersion", e.rulesetVersion);
        item.put("durationMicros", e.durationMicros);
        item.put("cards", parse(e.cardsJson));
        return item;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
