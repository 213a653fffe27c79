package org.medsafety.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure leaves as an OperationOutcome with its {@link ErrorCode}; never a stack trace nor a library's
 * message. Unexpected failures are logged by exception class and code location only ({@link Failures}): library
 * messages can quote request data (a URL with a patient id, a SQL value), and logs carry no patient identifiers.
 */
public class ErrorResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SIGN_IN = "sign in: send staff credentials (an OIDC bearer token, or a local user in the "
            + "quick start)";

    @ServerExceptionMapper
    public Response refused(ServiceException e) {
        Response.ResponseBuilder answer = builder(e.code(), e.getMessage());
        if (e instanceof NotAuthenticatedException n && n.challenge() != null) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, n.challenge());
        }
        return answer.build();
    }

    /** A body Jackson could not bind (the admin JSON bodies); its message may quote the input, so only where. */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return notJson(e);
    }

    private static Response notJson(JsonProcessingException e) {
        var where = e.getLocation();
        return response(ErrorCode.MALFORMED_BODY, "the body is not valid JSON for this endpoint"
                + (where == null || where.getLineNr() < 1 ? ""
                : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
    }

    /**
     * Staff sign-in missing or refused (the HTTP permission on /admin and /audit is checked once the endpoint is
     * matched, so it comes here): the challenge Quarkus would send ({@code WWW-Authenticate: Basic …} or
     * {@code Bearer}), and nothing more said than that sign-in is needed.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Uni<Response> signIn(RoutingContext request) {
        HttpAuthenticator authenticator = Arc.container().instance(HttpAuthenticator.class).get();
        return authenticator.getChallenge(request).map(challenge -> {
            if (challenge != null && challenge.status >= 300 && challenge.status < 400) {
                // The console's form sign-in: its challenge sends the browser to the login page, as browsers expect.
                Response.ResponseBuilder redirect = Response.status(challenge.status);
                challenge.getHeaders().forEach((name, value) -> redirect.header(name.toString(), value));
                return redirect.build();
            }
            Response.ResponseBuilder answer = builder(ErrorCode.NOT_AUTHENTICATED, SIGN_IN);
            if (challenge != null && challenge.getHeaders() != null) {
                challenge.getHeaders().forEach((name, value) -> answer.header(name.toString(), value));
            }
            return answer.build();
        });
    }

    /** A staff member whose roles do not include the one the endpoint needs (the roles table: docs/security.md). */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(ErrorCode.ROLE_NOT_ALLOWED, "your role does not allow this; docs/security.md says which "
                + "role may call what");
    }

    /** What Quarkus REST itself refuses: unknown paths, wrong methods or content types, unreadable parameters. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 400 -> e.getCause() instanceof JsonProcessingException json ? notJson(json)
                    : response(ErrorCode.INVALID_PARAMETER, "a parameter or header could not be read");
            // JAX-RS answers a query or path parameter it cannot convert (limit=many) with 404, as if no resource
            // matched; the caller needs to know which it was.
            case 404 -> e.getCause() != null
                    ? response(ErrorCode.INVALID_PARAMETER, "a parameter could not be read: numbers are digits, "
                    + "true/false are booleans")
                    : response(ErrorCode.UNKNOWN_PATH, "no endpoint at this path; /q/openapi describes the API");
            case 401 -> response(ErrorCode.NOT_AUTHENTICATED, SIGN_IN);
            case 403 -> response(ErrorCode.ROLE_NOT_ALLOWED, "not allowed");
            case 405 -> response(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed");
            case 406 -> response(ErrorCode.NOT_ACCEPTABLE, "only application/json responses are available");
            case 413 -> response(ErrorCode.BODY_TOO_LARGE, "the request body is larger than the 10 MB limit");
            case 415 -> response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "unsupported content type; send application/json");
            default -> unexpected(e);
        };
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        Log.errorf("Unexpected failure: %s", Failures.describe(e));
        return response(ErrorCode.INTERNAL_ERROR, "internal error; the request was not evaluated");
    }

    /** An error answer outside an exception: request filters that refuse a request. */
    public static Response response(ErrorCode code, String message) {
        return builder(code, message).build();
    }

    /** The OperationOutcome as JSON text, for answers sent outside Quarkus REST (Vert.x handlers). */
    public static String json(ErrorCode code, String message) {
        try {
            return JSON.writeValueAsString(OperationOutcome.of(code, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response.ResponseBuilder builder(ErrorCode code, String message) {
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON)
                .entity(OperationOutcome.of(code, message));
    }
}
