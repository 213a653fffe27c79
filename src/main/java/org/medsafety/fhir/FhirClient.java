package org.medsafety.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.medsafety.outbound.BoundedHttp;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Reads from the EHR's FHIR server when prefetch did not bring the data, inside a fence: only servers on the
 * allow-list, one budget per call (deadline, requests, pages), a byte cap per response, no redirects, and {@code next}
 * links only under the request's {@code fhirServer}. The bearer token goes only to such URLs and appears in no
 * message, log or exception; failures say only their {@link FhirReadFailed.Kind}.
 */
public final class FhirClient {

    /** The bounds of one call's reads (from {@code medsafety.fhir.*} and {@code medsafety.limits.prefetch-resources}). */
    public record Limits(Duration timeout, long maxResponseBytes, int maxPages, int maxRequests, int maxEntries) {
    }

    private final BoundedHttp http;
    private final ObjectMapper json;
    private final AllowedFhirBases allowed;
    private final Limits limits;
    private final Clock clock;

    public FhirClient(BoundedHttp http, ObjectMapper json, AllowedFhirBases allowed, Limits limits, Clock clock) {
        this.http = http;
        this.json = json;
        this.allowed = allowed;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Starts one call's reads from {@code fhirServer}, with a fresh budget; empty when there is no fhirServer or it
     * is not allowed, in which case nothing is ever sent to it.
     */
    public Optional<Session> open(String fhirServer, String accessToken) {
        return allowed.admit(fhirServer).map(base -> new Session(base, accessToken,
                new FhirBudget(clock, limits.timeout(), limits.maxRequests(), limits.maxPages())));
    }

    /** One call's reads from one admitted server. */
    public final class Session {
        private final FhirBase server;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final FhirBudget budget;

        private Session(FhirBase server, String accessToken, FhirBudget budget) {
            this.server = server;
            this.budget = budget;
            headers.put("Accept", "application/fhir+json, application/json");
            if (accessToken != null) {
                headers.put("Authorization", "Bearer " + accessToken);
            }
        }

        public FhirBudget budget() {
            return budget;
        }

        /**
         * Starts reading a query relative to fhirServer (a prefetch template, filled in); several may run at once.
         * The future fails with {@link FhirReadFailed} and completes by the call's deadline at the latest.
         */
        public CompletableFuture<JsonNode> read(String relative) {
            return server.resolve(relative).map(this::fetch).orElseGet(() ->
                    CompletableFuture.failedFuture(new FhirReadFailed(FhirReadFailed.Kind.INVALID_URL)));
        }

        /** Reads the page a Bundle's {@code next} link names, if it lies under fhirServer. */
        public JsonNode next(String link) throws FhirReadFailed {
            Optional<URI> uri = server.link(link);
            if (uri.isEmpty()) {
                throw new FhirReadFailed(FhirReadFailed.Kind.LINK_REFUSED);
            }
            return await(fetch(uri.get()));
        }

        private CompletableFuture<JsonNode> fetch(URI uri) {
            if (!budget.takeRequest()) {
                return CompletableFuture.failedFuture(new FhirReadFailed(budget.expired()
                        ? FhirReadFailed.Kind.TIMEOUT : FhirReadFailed.Kind.REQUEST_BUDGET));
            }
            return http.getAsync(uri, headers, budget.deadline(), limits.maxResponseBytes())
                    .handle((response, error) -> {
                        if (error != null) {
                            throw new CompletionException(failure(error));
                        }
                        try {
                            return resource(response);
                        } catch (FhirReadFailed e) {
                            throw new CompletionException(e);
                        }
                    });
        }
    }

    /** Waits for a read started with {@link Session#read}; it ends by the call's deadline. */
    public static JsonNode await(CompletableFuture<JsonNode> read) throws FhirReadFailed {
        try {
            return read.get();
        } catch (InterruptedException e) {
            read.cancel(true);
            Thread.currentThread().interrupt();
            throw new FhirReadFailed(FhirReadFailed.Kind.INTERRUPTED);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private JsonNode resource(BoundedHttp.Response response) throws FhirReadFailed {
        int status = response.status();
        if (!response.ok()) {
            throw new FhirReadFailed(status / 100 == 3 ? FhirReadFailed.Kind.REDIRECTED
                    : status / 100 == 4 ? FhirReadFailed.Kind.CLIENT_ERROR : FhirReadFailed.Kind.SERVER_ERROR);
        }
        JsonNode resource;
        try {
            resource = json.readTree(response.body());
        } catch (IOException e) {
            throw new FhirReadFailed(FhirReadFailed.Kind.NOT_FHIR_JSON);
        }
        if (resource == null || !resource.isObject() || !resource.path("resourceType").isTextual()) {
            throw new FhirReadFailed(FhirReadFailed.Kind.NOT_FHIR_JSON);
        }
        if (resource.path("entry").size() > limits.maxEntries()) {
            throw new FhirReadFailed(FhirReadFailed.Kind.TOO_MANY_ENTRIES);
        }
        return resource;
    }

    private static FhirReadFailed failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof FhirReadFailed f) {
            return f;
        }
        if (cause instanceof BoundedHttp.Failure f) {
            return new FhirReadFailed(switch (f.kind()) {
                case TIMEOUT -> FhirReadFailed.Kind.TIMEOUT;
                case TOO_LARGE -> FhirReadFailed.Kind.TOO_LARGE;
                case INTERRUPTED -> FhirReadFailed.Kind.INTERRUPTED;
                case INVALID_URL -> FhirReadFailed.Kind.INVALID_URL;
                case NETWORK -> FhirReadFailed.Kind.NETWORK;
            });
        }
        if (cause instanceof java.util.concurrent.CancellationException) {
            return new FhirReadFailed(FhirReadFailed.Kind.INTERRUPTED);
        }
        return new FhirReadFailed(FhirReadFailed.Kind.NETWORK);
    }
}
