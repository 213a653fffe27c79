package org.medsafety.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.medsafety.cdshooks.CdsService;
import org.medsafety.cdshooks.CdsServiceCatalog;
import org.medsafety.cdshooks.HookEvaluation;
import org.medsafety.errors.ServiceException;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.security.Roles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * "Try it": a sample patient or a pasted CDS Hooks request, evaluated by the active ruleset exactly as the EHR's call
 * would be, and the cards shown as an EHR shows them. A trial is not care: nothing is recorded in the audit trail
 * (which would otherwise hold invented patients and skew the override statistics), and no FHIR server is contacted
 * (a trial must not become an unrecorded way to read a real patient's record): only the data in the request is used.
 */
@Path("/console/try")
@Produces(MediaType.TEXT_HTML)
@Authenticated
@Blocking
public class TryResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    HookEvaluation evaluation;

    @Inject
    CdsServiceCatalog catalog;

    @Inject
    MedsafetyConfig config;

    @Inject
    ObjectMapper json;

    @GET
    public Response page() {
        ConsoleUser user = allowed();
        return show(user, null, "", null, null, 200);
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response run(@RestForm String sample, @RestForm String request) {
        ConsoleUser user = allowed();
        String text = request;
        if (sample != null && !sample.isBlank()) {
            Optional<SampleRequests.Sample> chosen = SampleRequests.named(config.console().examplesDir(), sample);
            if (chosen.isEmpty()) {
                return show(user, sample, "", "No sample named " + sample + ".", null, 400);
            }
            text = chosen.get().text();
        }
        if (text == null || text.isBlank()) {
            return show(user, sample, "", "Pick a sample or paste a CDS Hooks request.", null, 400);
        }
        try {
            JsonNode node = json.readTree(text);
            if (!(node instanceof ObjectNode body)) {
                return show(user, sample, text, "The request must be a JSON object.", null, 400);
            }
            // Only the data in the request: never a FHIR server, never the EHR's access token.
            body.remove("fhirServer");
            body.remove("fhirAuthorization");
            String hook = body.path("hook").asText("");
            String serviceId = switch (hook) {
                case "order-sign" -> CdsServiceCatalog.SIGN_ID;
                case "order-select" -> CdsServiceCatalog.SELECT_ID;
                default -> null;
            };
            if (serviceId == null) {
                return show(user, sample, text, "hook must be order-sign or order-select.", null, 400);
            }
            CdsService service = catalog.byId(serviceId).orElseThrow();
            List<CardView> cards = CardView.of(json.valueToTree(
                    evaluation.trial(service, json.writeValueAsBytes(body))), null);
            return show(user, sample, text, null, cards, 200);
        } catch (ServiceException e) {
            return show(user, sample, text, e.getMessage(), null, e.status() >= 500 ? 400 : e.status());
        } catch (IOException e) {
            return show(user, sample, text, "The request is not valid JSON.", null, 400);
        }
    }

    private Response show(ConsoleUser user, String sample, String text, String problem, List<CardView> cards,
                          int status) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Pages.tryIt(user,
                SampleRequests.in(config.console().examplesDir()), sample, text, problem, cards).render()).build();
    }

    private ConsoleUser allowed() {
        ConsoleUser user = ConsoleUser.of(identity);
        user.require(Roles.PHARMACIST, Roles.AUDITOR);
        return user;
    }
}
