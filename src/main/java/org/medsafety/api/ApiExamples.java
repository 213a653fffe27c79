package org.medsafety.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The examples of docs/examples, attached to the OpenAPI description so the JSON exists once: the Maven build copies
 * that folder to the class path ({@code api-examples/}) and they are read when the description is built. The
 * response examples under {@code responses/} are answers captured from the service ({@code ResponseExamplesTest}).
 * An example whose operation or response is missing fails the build rather than vanish.
 */
final class ApiExamples {

    static final String FOLDER = "api-examples/";

    /** Where an example goes: a request body ({@code status} null) or a response, of one operation. */
    record Placement(String path, PathItem.HttpMethod method, String status, String name, String summary,
                     String file) {
    }

    static final String CALL = "/cds-services/{id}";
    static final String FEEDBACK = "/cds-services/{id}/feedback";

    static final List<Placement> PLACEMENTS = List.of(
            new Placement("/cds-services", PathItem.HttpMethod.GET, "200", "discovery",
                    "The two services and their prefetch templates", "responses/discovery.json"),
            new Placement(CALL, PathItem.HttpMethod.POST, null, "order-sign",
                    "medication-safety-sign: naproxen for a patient on warfarin", "order-sign-warfarin-naproxen.json"),
            new Placement(CALL, PathItem.HttpMethod.POST, null, "order-select",
                    "medication-safety-select: a penicillin allergy and a tramadol dose above the label's maximum",
                    "order-select-penicillin-allergy-tramadol.json"),
            new Placement(CALL, PathItem.HttpMethod.POST, "200", "order-sign",
                    "The answer to the order-sign example", "responses/order-sign-warfarin-naproxen.json"),
            new Placement(CALL, PathItem.HttpMethod.POST, "200", "order-select",
                    "The answer to the order-select example", "responses/order-select-penicillin-allergy-tramadol.json"),
            new Placement(CALL, PathItem.HttpMethod.POST, "412", "prefetch-missing",
                    "The order-sign example sent without its prefetch, no FHIR server allowed",
                    "responses/error-prefetch-missing.json"),
            new Placement(FEEDBACK, PathItem.HttpMethod.POST, null, "overridden",
                    "A card overridden with a reason (the card uuid comes from an answer)", "feedback-overridden.json"),
            new Placement(FEEDBACK, PathItem.HttpMethod.POST, "200", "stored",
                    "The answer to the feedback example", "responses/feedback-overridden.json"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiExamples() {
    }

    static void attach(OpenAPI openAPI) {
        for (Placement p : PLACEMENTS) {
            PathItem item = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem(p.path());
            Operation operation = item == null ? null : item.getOperations().get(p.method());
            if (operation == null) {
                throw new IllegalStateException("docs/examples/" + p.file() + ": no operation " + p.method() + " "
                        + p.path());
            }
            Content content;
            if (p.status() == null) {
                if (operation.getRequestBody() == null) {
                    throw new IllegalStateException(p.method() + " " + p.path() + " has no request body");
                }
                content = operation.getRequestBody().getContent();
            } else {
                APIResponse response = operation.getResponses().getAPIResponse(p.status());
                if (response != null && response.getRef() != null) {
                    // An error answer shared by name (ApiDefinition): the example goes where it is defined.
                    response = openAPI.getComponents().getResponses()
                            .get(response.getRef().substring(response.getRef().lastIndexOf('/') + 1));
                }
                if (response == null) {
                    throw new IllegalStateException(p.method() + " " + p.path() + " has no " + p.status()
                            + " response");
                }
                content = response.getContent();
            }
            MediaType json = content == null ? null : content.getMediaType("application/json");
            if (json == null) {
                throw new IllegalStateException(p.method() + " " + p.path() + " " + (p.status() == null ? "request"
                        : p.status()) + " has no application/json content");
            }
            json.addExample(p.name(), OASFactory.createExample().summary(p.summary()).value(read(p.file())));
        }
    }

    /** The example as JSON (maps, lists, values), so that the description holds it as JSON and not as a string. */
    static Object read(String file) {
        try (InputStream in = ApiExamples.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("docs/examples/" + file + " is not on the class path");
            }
            return JSON.readValue(in, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
