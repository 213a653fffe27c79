package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.medsafety.snapshot.FhirResources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gathers the FHIR data a call needs, telling apart the prefetch states CDS Hooks 2.0 defines:
 * <ul>
 *   <li>key absent: the client did not prefetch it; fetch it from {@code fhirServer};</li>
 *   <li>{@code null}: the client has no such data; nothing to fetch;</li>
 *   <li>an OperationOutcome: the client's own fetch failed; fetch it ourselves;</li>
 *   <li>a Bundle with a {@code next} link: a first page; fetch the rest.</li>
 * </ul>
 * Data that is needed and cannot be had makes the call fail with 412 (Precondition Failed).
 */
public final class PrefetchResolver {

    /** Bundles longer than this many pages are treated as incomplete rather than read forever. */
    static final int MAX_PAGES = 20;

    /** What was gathered, and which keys are known to be incomplete (shown on an info card). */
    public record Gathered(FhirResources data, List<String> incomplete) {
    }

    private final FhirClient client;

    public PrefetchResolver(FhirClient client) {
        this.client = client;
    }

    public Gathered gather(CdsService service, HookRequest request) {
        FhirResources data = new FhirResources();
        List<String> incomplete = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        for (Map.Entry<String, String> template : service.prefetch().entrySet()) {
            String key = template.getKey();
            boolean sent = request.prefetch().containsKey(key);
            JsonNode value = request.prefetch().get(key);
            if (sent && value.isNull()) {
                continue; // the client says there is no such data
            }
            if (sent && !"OperationOutcome".equals(value.path("resourceType").asText())) {
                data.add(value);
                followPages(key, value, request, data, incomplete, unavailable);
                continue;
            }
            if (request.fhirServer() == null) {
                unavailable.add(key + (sent ? " (the client's fetch failed)" : " (not prefetched)"));
                continue;
            }
            String url = FhirClient.resolve(request.fhirServer(), substitute(template.getValue(), request));
            try {
                JsonNode fetched = client.get(request.fhirServer(), url, request.accessToken());
                data.add(fetched);
                followPages(key, fetched, request, data, incomplete, unavailable);
            } catch (FhirClient.FetchFailed e) {
                unavailable.add(key + " (" + e.getMessage() + ")");
            }
        }
        if (!unavailable.isEmpty()) {
            throw new InvalidRequestException(412, "processing", "required data could not be obtained: "
                    + String.join(", ", unavailable)
                    + (request.fhirServer() == null ? "; send it as prefetch or provide fhirServer" : ""));
        }
        return new Gathered(data, incomplete);
    }

    private void followPages(String key, JsonNode page, HookRequest request, FhirResources data,
                             List<String> incomplete, List<String> unavailable) {
        int pages = 1;
        String next = nextLink(page);
        while (next != null) {
            if (request.fhirServer() == null || pages >= MAX_PAGES) {
                incomplete.add(key);
                return;
            }
            try {
                page = client.get(request.fhirServer(), next, request.accessToken());
            } catch (FhirClient.FetchFailed e) {
                unavailable.add(key + " page " + (pages + 1) + " (" + e.getMessage() + ")");
                return;
            }
            data.add(page);
            pages++;
            next = nextLink(page);
        }
    }

    private static String nextLink(JsonNode bundle) {
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                return link.path("url").asText(null);
            }
        }
        return null;
    }

    /** Replaces the prefetch tokens the spec defines for these hooks. */
    static String substitute(String template, HookRequest request) {
        String userId = request.userId();
        String practitioner = userId.startsWith("Practitioner/") ? userId.substring("Practitioner/".length()) : "";
        return template.replace("{{context.patientId}}", encode(request.patientId()))
                .replace("{{context.userId}}", encode(userId))
                .replace("{{context.encounterId}}", request.encounterId() == null ? "" : encode(request.encounterId()))
                .replace("{{userPractitionerId}}", encode(practitioner));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
