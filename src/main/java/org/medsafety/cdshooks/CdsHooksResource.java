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

    private FeedbackReader feedbackReader;

    @PostConstruct
    void init() {
        feedbackReader = new FeedbackReader(new RequestLimits(config.limits()));
    }

    @GET
    public Discovery discovery() {
        return new Discovery(catalog.all().stream().map(CdsService::descriptor).toList());
    }

    @POST
    @Path("{id}")
    @Blocking
    public CompletionStage<CdsResponse> call(@PathParam("id") String id,
                                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                             @Context UriInfo uri, byte[] body) {
        CdsCaller caller = trust.authenticate(authorization, uri.getRequestUri().getRawPath());
        return evaluation.evaluate(service(id), body, caller);
    }

    @POST
    @Path("{id}/feedback")
    @Blocking
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
