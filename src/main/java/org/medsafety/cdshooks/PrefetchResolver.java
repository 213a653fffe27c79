package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.PreconditionFailedException;
import org.medsafety.fhir.FhirClient;
import org.medsafety.fhir.FhirMetrics;
import org.medsafety.fhir.FhirReadFailed;
import org.medsafety.snapshot.FhirResources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Gathers the FHIR data a call needs, telling apart the prefetch states CDS Hooks 2.0 defines:
 * <ul>
 *   <li>key absent: the client did not prefetch it; fetch it from {@code fhirServer};</li>
 *   <li>{@code null}: the client has no such data; nothing to fetch;</li>
 *   <li>an OperationOutcome: the client's own fetch failed; fetch it ourselves;</li>
 *   <li>a Bundle with a {@code next} link: a first page; fetch the rest.</li>
 * </ul>
 * Fetching happens only from an allowed {@code fhirServer} (otherwise it is as if none was given), within one budget
 * per call. Data that is needed and cannot be had makes the call fail with 412 (Precondition Failed), naming only
 * the prefetch keys: never a host, port, status or exception, which would let callers map a network.
 */
public final class PrefetchResolver {

    /** What was gathered, and which keys are known to be incomplete (shown on an info card). */
    public record Gathered(FhirResources data, List<String> incomplete) {
    }

    private final FhirClient client;
    private final FhirMetrics metrics;

    public PrefetchResolver(FhirClient client, FhirMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
    }

    public Gathered gather(CdsService service, HookRequest request) {
        Optional<FhirClient.Session> fhir = client.open(request.fhirServer(), request.accessToken());
        Map<String, JsonNode> firstPages = new LinkedHashMap<>(); // in template order, so the snapshot is stable
        Map<String, String> toFetch = new LinkedHashMap<>();
        List<String> notSent = new ArrayList<>();
        for (Map.Entry<String, String> template : service.prefetch().entrySet()) {
            String key = template.getKey();
            boolean sent = request.prefetch().containsKey(key);
            JsonNode value = request.prefetch().get(key);
            if (sent && value.isNull()) {
                continue; // the client says there is no such data
            }
            boolean given = sent && !"OperationOutcome".equals(value.path("resourceType").asText());
            if (!given && fhir.isEmpty() && CdsServiceCatalog.OPTIONAL.contains(key)) {
                continue; // screening goes on without it, and the cards that need it say so
            }
            firstPages.put(key, null);
            if (sent && !"OperationOutcome".equals(value.path("resourceType").asText())) {
                firstPages.put(key, value);
            } else {
                toFetch.put(key, substitute(template.getValue(), request));
                notSent.add(key + (sent ? " (the client's fetch failed)" : " (not prefetched)"));
            }
        }
        if (!toFetch.isEmpty() && fhir.isEmpty()) {
            if (request.fhirServer() != null) {
                Log.info("fhirServer is not in medsafety.fhir.allowed-bases; nothing was read from it");
                toFetch.values().forEach(query -> metrics.fetched(FhirMetrics.resourceType(query),
                        FhirMetrics.Outcome.REFUSED));
            }
            throw new PreconditionFailedException(ErrorCode.REQUIRED_DATA_NOT_SENT,
                    "required data could not be obtained: "
                    + String.join(", ", notSent) + (request.fhirServer() == null
                    ? "; send it as prefetch or provide fhirServer"
                    : "; fhirServer is not one this service may read from, so send it as prefetch"));
        }

        List<String> unavailable = new ArrayList<>();
        fhir.ifPresent(session -> readFirstPages(session, toFetch, firstPages, unavailable));
        FhirResources data = new FhirResources();
        List<String> incomplete = new ArrayList<>();
        firstPages.forEach((key, page) -> {
            if (page != null) {
                data.add(page);
                followPages(key, FhirMetrics.resourceType(service.prefetch().get(key)), page, fhir, data, incomplete,
                        unavailable);
            }
        });
        if (!unavailable.isEmpty()) {
            throw new PreconditionFailedException(ErrorCode.REQUIRED_DATA_NOT_READ,
                    "required data could not be obtained from the "
                    + "FHIR server: " + String.join(", ", unavailable) + "; send it as prefetch");
        }
        return new Gathered(data, incomplete);
    }

    /** All first pages at once: eight keys cost one round trip, not eight. */
    private void readFirstPages(FhirClient.Session session, Map<String, String> toFetch,
                                Map<String, JsonNode> firstPages, List<String> unavailable) {
        Map<String, CompletableFuture<JsonNode>> reads = new LinkedHashMap<>();
        toFetch.forEach((key, query) -> reads.put(key, session.read(query)));
        reads.forEach((key, read) -> {
            String resourceType = FhirMetrics.resourceType(toFetch.get(key));
            try {
                firstPages.put(key, FhirClient.await(read));
                metrics.fetched(resourceType, FhirMetrics.Outcome.OK);
            } catch (FhirReadFailed e) {
                metrics.fetched(resourceType, FhirMetrics.outcomeOf(e.kind()));
                Log.warnf("FHIR read for prefetch key %s failed: %s", key, e.kind());
                if (CdsServiceCatalog.OPTIONAL.contains(key)) {
                    firstPages.remove(key);
                } else {
                    unavailable.add(key);
                }
            }
        });
    }

    /**
     * Reads the pages after {@code page}. When the budget runs out (pages, requests or time), or there is no usable
     * fhirServer, the key is screened as it is and said to be incomplete; a page that fails otherwise (an error, too
     * large, a link off the server) makes the key unavailable.
     */
    private void followPages(String key, String resourceType, JsonNode page, Optional<FhirClient.Session> fhir,
                             FhirResources data, List<String> incomplete, List<String> unavailable) {
        int pages = 1;
        String next = nextLink(page);
        while (next != null) {
            if (fhir.isEmpty() || !fhir.get().budget().mayReadPage(pages)) {
                incomplete.add(key);
                return;
            }
            try {
                page = fhir.get().next(next);
                metrics.fetched(resourceType, FhirMetrics.Outcome.OK);
            } catch (FhirReadFailed e) {
                metrics.fetched(resourceType, FhirMetrics.outcomeOf(e.kind()));
                boolean budget = e.kind() == FhirReadFailed.Kind.TIMEOUT
                        || e.kind() == FhirReadFailed.Kind.REQUEST_BUDGET;
                Log.warnf("FHIR read for prefetch key %s, page %d failed: %s", key, pages + 1, e.kind());
                (budget ? incomplete : unavailable).add(key);
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
