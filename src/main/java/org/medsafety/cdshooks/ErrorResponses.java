package org.medsafety.cdshooks;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.medsafety.security.NotTrustedException;

/**
 * Every error leaves as JSON (a FHIR OperationOutcome) that says what is wrong; never a stack trace. Unexpected
 * failures are logged by exception class and code location only: library exception messages can quote request
 * data (a URL with a patient id, a SQL value), and logs must carry no patient identifiers.
 */
public class ErrorResponses {

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return body(e.status(), e.issueCode(), e.getMessage());
    }

    /** CDS Hooks: a refused client token gets 401 and nothing more; the reason went to the log. */
    @ServerExceptionMapper
    public Response notTrusted(NotTrustedException e) {
        return Response.status(401).header("WWW-Authenticate", "Bearer").type(MediaType.APPLICATION_JSON)
                .entity(OperationOutcomes.error("login", e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 406 -> "only application/json responses are available";
            case 413 -> "the request body is larger than the 10 MB limit";
            case 415 -> "unsupported content type; send application/json";
            default -> e.getResponse().getStatusInfo().getReasonPhrase();
        };
        if (status == 401 || status == 403) {
            return Response.status(status).build(); // no detail on authentication failures
        }
        return body(status, status == 404 ? "not-found" : "invalid", message);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        Log.errorf("Unexpected failure: %s", Failures.describe(e));
        return body(500, "exception", "internal error; the request was not evaluated");
    }

    static Response body(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(OperationOutcomes.error(code, message)).build();
    }
}
