package org.medsafety.cdshooks;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.medsafety.api.ApiDefinition;
import org.medsafety.audit.AuditTrail;
import org.medsafety.audit.FeedbackRecord;
import org.medsafety.audit.Journal;
import org.medsafety.cdshooks.dto.CdsResponse;
import org.medsafety.cdshooks.dto.Discovery;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.ResourceNotFoundException;
import org.medsafety.errors.ServiceUnavailableException;
import org.medsafety.security.CdsCaller;
import org.medsafety.security.CdsClientTrust;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The CDS Hooks 2.0 endpoints: discovery, service calls and feedback. */
@Tag(name = "CDS Hooks")
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
public class CdsHooksResource {

    @Inject
    CdsServiceCatalog catalog;

    @Inject
    HookEvaluation evaluation;

    @Inject
    AuditTrail audit;

    @Inject
    CdsClientTrust trust;

    @Inject
    MedsafetyConfig config;

    @Inject
    EvaluationMetrics evaluationMetrics;

    @Inject
    FeedbackMetrics feedbackMetrics;

    private FeedbackReader feedbackReader;

    @PostConstruct
    void init() {
        feedbackReader = new FeedbackReader(new RequestLimits(config.limits()));
    }

    @GET
    @Operation(summary = "The CDS services offered, with their prefetch templates",
            description = "Open to anyone, as CDS Hooks allows: it reveals no patient data.")
    @APIResponse(responseCode = "200", description = "The services")
    public Discovery discovery() {
        return new Discovery(catalog.all().stream().map(CdsService::descriptor).toList());
    }

    @POST
    @Path("{id}")
    @Blocking
    @Operation(summary = "Check draft medication orders",
            description = "Evaluates the draft orders against the active ruleset and answers cards (interactions, "
                    + "allergies, doses, renal limits, duplicates, pregnancy, drugs not screened). The answer leaves "
                    + "only once its audit record is durable.")
    @SecurityRequirement(name = ApiDefinition.CDS_CLIENT)
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The service id from discovery: "
            + "medication-safety-select or medication-safety-sign")
    @RequestBody(required = true, description = "A CDS Hooks 2.0 request: hook, hookInstance, context (userId, "
            + "patientId, draftOrders; selections for order-select), prefetch, and optionally fhirServer with "
            + "fhirAuthorization (read only when allowed). Examples: docs/examples",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = {"hook", "hookInstance", "context"})))
    @APIResponse(responseCode = "200", description = "The cards, possibly none")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "CdsClientNotTrusted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<CdsResponse> call(@PathParam("id") String id,
                                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                             @Context UriInfo uri, byte[] body) {
        long start = System.nanoTime();
        try {
            CdsCaller caller = trust.authenticate(authorization, uri.getRequestUri().getRawPath());
            return evaluation.evaluate(service(id), body, caller).whenComplete((response, failure) ->
                    evaluationMetrics.evaluated(id, start, failure != null ? EvaluationMetrics.outcomeOf(failure)
                            : response.cards().isEmpty() ? EvaluationMetrics.Outcome.NO_CARDS
                            : EvaluationMetrics.Outcome.CARDS));
        } catch (RuntimeException refused) {
            evaluationMetrics.evaluated(id, start, EvaluationMetrics.outcomeOf(refused));
            throw refused;
        }
    }

    @POST
    @Path("{id}/feedback")
    @Blocking
    @Operation(summary = "Report what the clinician did with cards",
            description = "Stored once per card, outcome and time; only for cards this service issued through this "
                    + "service, to the EHR it issued them to.")
    @SecurityRequirement(name = ApiDefinition.CDS_CLIENT)
    @Parameter(name = "id", in = ParameterIn.PATH, description = "The service id from discovery: "
            + "medication-safety-select or medication-safety-sign")
    @RequestBody(required = true, description = "CDS Hooks feedback: one entry per card, accepted (with the "
            + "suggestions taken) or overridden (with the reason chosen)",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = {"feedback"})))
    @APIResponse(responseCode = "200", description = "How many entries were stored, already recorded, or kept in the "
            + "local journal")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "CdsClientNotTrusted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public FeedbackAnswer feedback(@PathParam("id") String id,
                                        @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                        @Context UriInfo uri, byte[] body) {
        CdsCaller caller = trust.authenticate(authorization, uri.getRequestUri().getRawPath());
        CdsService service = service(id);
        Map<String, FeedbackRecord> distinct = new LinkedHashMap<>();
        for (FeedbackRecord f : feedbackReader.read(body, service.id())) {
            if (caller != null) {
                f.clientIss = caller.iss();
                f.clientTenant = caller.tenant();
            }
            distinct.putIfAbsent(f.cardUuid + '|' + f.outcome + '|' + f.outcomeTimestamp, f);
        }
        AuditTrail.FeedbackReceipt receipt;
        try {
            receipt = audit.receiveFeedback(service.id(), caller == null ? null : caller.iss(),
                    List.copyOf(distinct.values()));
        } catch (AuditTrail.UnknownCardsException e) {
            throw new ResourceNotFoundException(ErrorCode.UNKNOWN_CARD,
                    "no card with id " + String.join(", ", e.cards())
                    + " was issued by service '" + service.id() + "'; no feedback was stored");
        } catch (Journal.RefusedException e) {
            throw new ServiceUnavailableException(ErrorCode.NOT_RECORDED,
                    "the feedback could not be recorded: the audit "
                    + "database is unreachable and the local audit journal is " + (e.reason() == Journal.Refusal.FULL
                    ? "full" : "unwritable") + "; retry shortly");
        }
        feedbackMetrics.received(receipt);
        if (receipt.journaled() > 0) {
            // Kept in the local journal until the database returns; a repeat is then recognised and kept once.
            return new FeedbackAnswer(receipt.stored(), receipt.alreadyRecorded(), receipt.journaled());
        }
        return new FeedbackAnswer(receipt.stored(), receipt.alreadyRecorded(), null);
    }

    private CdsService service(String id) {
        return catalog.byId(id).orElseThrow(() -> new ResourceNotFoundException(ErrorCode.UNKNOWN_SERVICE,
                "no CDS service with id '" + id + "'; GET /cds-services lists them"));
    }
}
