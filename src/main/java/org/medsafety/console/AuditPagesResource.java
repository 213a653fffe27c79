package org.medsafety.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.medsafety.audit.AuditCheckpointsResource;
import org.medsafety.audit.AuditReportsResource;
import org.medsafety.audit.AuditResource;
import org.medsafety.audit.CheckpointList;
import org.medsafety.audit.EhrClient;
import org.medsafety.audit.EvaluationDetail;
import org.medsafety.audit.EvaluationPage;
import org.medsafety.audit.EvaluationView;
import org.medsafety.audit.IntegrityReport;
import org.medsafety.errors.ServiceException;
import org.medsafety.security.Roles;

import java.util.ArrayList;
import java.util.List;

/**
 * The auditor's pages: search the trail with every filter of {@code GET /audit/evaluations}, page through it, open
 * one evaluation, export, and the integrity check with the signed checkpoints. Every read goes through the audit
 * API's own code, so it is recorded exactly as an API read is.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@Authenticated
@Blocking
public class AuditPagesResource {

    static final int PAGE = 25;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditResource audit;

    @Inject
    AuditReportsResource reports;

    @Inject
    AuditCheckpointsResource checkpoints;

    /** One line of the results: who, when, which service and ruleset, and the cards' summaries. */
    @TemplateData
    public record Row(long id, String time, String patientId, String userId, String service, String rulesetVersion,
                      List<String> cards) {
    }

    @GET
    @Path("audit")
    public Response search(@BeanParam AuditSearch filters, @QueryParam("search") boolean submitted) {
        ConsoleUser user = ConsoleUser.of(identity);
        user.require(Roles.AUDITOR);
        if (!submitted) {
            return ok(Pages.audit(user, filters, null, null, null));
        }
        try {
            EvaluationPage page = audit.search(filters.patientId, filters.userId, filters.from, filters.to,
                    filters.service, filters.ruleId, filters.drug, filters.indicator, filters.outcome, PAGE,
                    filters.cursor, null);
            List<Row> rows = new ArrayList<>();
            for (EvaluationView item : page.items()) {
                rows.add(row(item));
            }
            Long next = page.next();
            return ok(Pages.audit(user, filters, rows, next == null ? null : filters.query(true) + "&cursor=" + next,
                    null));
        } catch (ServiceException e) {
            return Response.status(e.status()).entity(Pages.audit(user, filters, null, null, e.getMessage()).render())
                    .build();
        }
    }

    @GET
    @Path("audit/evaluations/{id}")
    public Response evaluation(@PathParam("id") long id) {
        ConsoleUser user = ConsoleUser.of(identity);
        user.require(Roles.AUDITOR);
        try {
            EvaluationDetail e = audit.one(id);
            JsonNode feedback = ConsoleJson.tree(e.feedback());
            List<CardView> cards = CardView.of(e.evaluation().cards(), feedback);
            return ok(Pages.evaluation(user, row(e.evaluation()), details(e), SnapshotSummary.of(e.snapshot()), cards,
                    ConsoleJson.list(e.evaluation().drugsWithoutKnowledge())));
        } catch (ServiceException e) {
            return Response.status(e.status()).entity(Pages.notFound(user, e.getMessage()).render()).build();
        }
    }

    /** The API's streamed export, reached with the console session (the session cookie is never sent to /audit). */
    @GET
    @Path("audit/export")
    @Produces({"text/csv", "application/x-ndjson", MediaType.TEXT_HTML})
    public Response export(@QueryParam("format") @DefaultValue("csv") String format, @BeanParam AuditSearch f) {
        ConsoleUser.of(identity).require(Roles.AUDITOR);
        try {
            return audit.export(format, f.patientId, f.userId, f.from, f.to, f.service, f.ruleId, f.drug, f.indicator,
                    f.outcome);
        } catch (ServiceException e) {
            return Response.status(e.status()).type(MediaType.TEXT_HTML)
                    .entity(Pages.notFound(ConsoleUser.of(identity), e.getMessage()).render()).build();
        }
    }

    /** The integrity check (incremental, or full on request) for every role; the signed checkpoints for auditors. */
    @GET
    @Path("integrity")
    public TemplateInstance integrity(@QueryParam("full") boolean full,
                                      @QueryParam("after") @DefaultValue("0") long after) {
        ConsoleUser user = ConsoleUser.of(identity);
        user.require(Roles.AUDITOR, Roles.PHARMACIST, Roles.RECORDS_OFFICER);
        IntegrityReport report = reports.integrity(full);
        CheckpointList signed = user.auditor() ? checkpoints.list(Math.max(0, after), 50) : null;
        return Pages.integrity(user, IntegrityView.of(report, signed));
    }

    /** What the record says beyond the result row: the hook, encounter, EHR, duration and the chain hashes. */
    @TemplateData
    public record Details(String hookInstance, String hook, String encounterId, String client, Object durationMicros,
                          String prevHash, String recordHash) {
    }

    private static Details details(EvaluationDetail detail) {
        EvaluationView e = detail.evaluation();
        EhrClient client = e.client();
        return new Details(e.hookInstance(), e.hook(), e.encounterId(), client == null ? null
                : client.iss() + (client.tenant() == null ? "" : " (tenant " + client.tenant() + ")"),
                e.durationMicros(), detail.prevHash(), detail.recordHash());
    }

    private static Row row(EvaluationView item) {
        List<String> cards = new ArrayList<>();
        for (JsonNode c : item.cards()) {
            cards.add(CardView.text(c, "indicator") + ": " + CardView.text(c, "summary"));
        }
        return new Row(item.id(), item.time(), item.patientId(), item.userId(), item.service(),
                item.rulesetVersion(), cards);
    }

    private static Response ok(TemplateInstance page) {
        return Response.ok(page.render(), MediaType.TEXT_HTML_TYPE).build();
    }
}
