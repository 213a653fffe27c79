package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads from the EHR's FHIR server when prefetch did not bring the data. Every call has a hard timeout; the bearer
 * token is sent only to {@code fhirServer} and appears in no message, log or exception.
 */
public final class FhirClient {

    /** A FHIR read failed; the message is safe to show (no token, no patient data). */
    public static final class FetchFailed extends Exception {
        FetchFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    public FhirClient(ObjectMapper json, Duration timeout) {
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GETs an absolute URL that must lie under {@code fhirServer}. */
    public JsonNode get(String fhirServer, String url, String accessToken) throws FetchFailed {
        if (!url.startsWith(withSlash(fhirServer))) {
            throw new FetchFailed("refused to follow a link outside fhirServer");
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Accept", "application/fhir+json, application/json").GET();
            if (accessToken != null) {
                request.header("Authorization", "Bearer " + accessToken);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new FetchFailed("FHIR server answered HTTP " + response.statusCode());
            }
            return json.readTree(response.body());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new FetchFailed("FHIR server did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new FetchFailed("FHIR server could not be read (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw new FetchFailed("FHIR URL is not valid");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchFailed("interrupted");
        }
    }

    /**
     * Resolves a prefetch query (relative, e.g. "Patient/123") against the server base. Token searches use '|'
     * (system|code), which a URI must carry percent-encoded.
     */
    public static String resolve(String fhirServer, String relative) {
        return withSlash(fhirServer) + relative.replace("|", "%7C");
    }

    private static String withSlash(String base) {
        return base.endsWith("/") ? base : base + "/";
    }
}
