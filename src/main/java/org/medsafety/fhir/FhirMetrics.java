package org.medsafety.fhir;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads from EHRs' FHIR servers ({@code medsafety.fhir.fetches}), by resource type and outcome: {@code ok}; {@code
 * failed} when the server did not give a usable answer (network, timeout, error status, not FHIR JSON); {@code
 * refused} when the fence stopped it (a fhirServer not on the allow-list, a redirect, a next link off the server,
 * the request budget, a response too large or with too many entries). The resource type is the one of the prefetch
 * template read, never a URL or anything the EHR chose.
 */
@Startup
@Singleton
public class FhirMetrics {

    /** The resource types of the prefetch templates; another would be labelled as itself, registered on first use. */
    static final List<String> RESOURCE_TYPES = List.of("Patient", "MedicationRequest", "AllergyIntolerance",
            "Condition", "Observation");

    /** How a read ended, as the {@code outcome} label says it. */
    public enum Outcome { OK, FAILED, REFUSED }

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter[]> fetches = new ConcurrentHashMap<>();

    @Inject
    public FhirMetrics(MeterRegistry registry) {
        this.registry = registry;
        RESOURCE_TYPES.forEach(this::counters);
    }

    private Counter[] counters(String resource) {
        return fetches.computeIfAbsent(resource, r -> {
            Counter[] byOutcome = new Counter[Outcome.values().length];
            for (Outcome o : Outcome.values()) {
                byOutcome[o.ordinal()] = Counter.builder("medsafety.fhir.fetches")
                        .description("Reads from EHR FHIR servers when prefetch did not bring the data")
                        .tag("resource", r).tag("outcome", o.name().toLowerCase(java.util.Locale.ROOT))
                        .register(registry);
            }
            return byOutcome;
        });
    }

    /** One read (a first page or a later one) of {@code resourceType} ended so. */
    public void fetched(String resourceType, Outcome outcome) {
        Counter[] byOutcome = fetches.get(resourceType);
        (byOutcome != null ? byOutcome : counters(resourceType))[outcome.ordinal()].increment();
    }

    /** The outcome a failed read counts as. */
    public static Outcome outcomeOf(FhirReadFailed.Kind kind) {
        return switch (kind) {
            case REDIRECTED, LINK_REFUSED, REQUEST_BUDGET, TOO_LARGE, TOO_MANY_ENTRIES -> Outcome.REFUSED;
            case TIMEOUT, NETWORK, INVALID_URL, INTERRUPTED, CLIENT_ERROR, SERVER_ERROR, NOT_FHIR_JSON ->
                    Outcome.FAILED;
        };
    }

    /** The resource type a prefetch template reads: its first path segment ({@code Observation?patient=…}). */
    public static String resourceType(String template) {
        int end = template.length();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '/' || c == '?') {
                end = i;
                break;
            }
        }
        return template.substring(0, end);
    }
}
