package org.medsafety.cdshooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.medsafety.errors.ServiceException;
import org.medsafety.security.NotTrustedException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters of CDS Hooks service calls (names and meaning: docs/monitoring.md). Labels carry only what the service
 * itself defines: service ids from the catalogue, card indicators and finding kinds from the code, knowledge row ids
 * from the published knowledge base; never a patient, user, client or token. Meters are registered once and looked
 * up in maps, so a call costs a few hash reads and increments.
 */
@Startup // every series exists, at 0, from the first scrape
@Singleton
public class EvaluationMetrics {

    /** The service label of a call to a service id the catalogue does not know (the id is the caller's text). */
    static final String UNKNOWN_SERVICE = "unknown";
    static final List<String> INDICATORS = List.of("info", "warning", "critical");
    static final List<String> KINDS = List.of("interaction", "allergy", "dose", "renal", "duplicate", "pregnancy",
            "unscreened");
    /** Latency buckets around the 500 ms CDS Hooks services aim for, and the FHIR and audit deadlines beyond it. */
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(400),
        Duration.ofMillis(500), Duration.ofMillis(750), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** How a call ended, as the {@code outcome} label says it. */
    public enum Outcome {
        CARDS("cards"), NO_CARDS("no-cards"), REFUSED("refused"), FAILED("failed");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Timer[]> evaluations = new HashMap<>();
    private final ConcurrentMap<String, Counter[]> cards = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> cardsByRow = new ConcurrentHashMap<>();
    private final Counter unidentifiedDraftOrders;
    private final Counter unidentifiedActiveMedications;

    @Inject
    public EvaluationMetrics(MeterRegistry registry, CdsServiceCatalog catalog) {
        this.registry = registry;
        for (CdsService service : catalog.all()) {
            evaluations.put(service.id(), timers(service.id()));
        }
        evaluations.put(UNKNOWN_SERVICE, timers(UNKNOWN_SERVICE));
        KINDS.forEach(this::cardCounters);
        unidentifiedDraftOrders = unidentified("draft-order");
        unidentifiedActiveMedications = unidentified("active-medication");
    }

    private Timer[] timers(String service) {
        Timer[] byOutcome = new Timer[Outcome.values().length];
        for (Outcome o : Outcome.values()) {
            byOutcome[o.ordinal()] = Timer.builder("medsafety.evaluations")
                    .description("CDS Hooks service calls, from the request to the answer (audit record durable)")
                    .tag("service", service).tag("outcome", o.label)
                    .serviceLevelObjectives(LATENCY_BUCKETS)
                    .register(registry);
        }
        return byOutcome;
    }

    private Counter[] cardCounters(String kind) {
        return cards.computeIfAbsent(kind, k -> {
            Counter[] byIndicator = new Counter[INDICATORS.size()];
            for (int i = 0; i < byIndicator.length; i++) {
                byIndicator[i] = Counter.builder("medsafety.cards").description("Cards returned to EHRs")
                        .tag("indicator", INDICATORS.get(i)).tag("kind", k).register(registry);
            }
            return byIndicator;
        });
    }

    private Counter unidentified(String kind) {
        return Counter.builder("medsafety.drugs.unidentified")
                .description("Medications in calls that the service could not identify, so could not screen")
                .tag("kind", kind).register(registry);
    }

    /** A call to {@code serviceId} that started at {@code startNanos} (System.nanoTime) ended so. */
    public void evaluated(String serviceId, long startNanos, Outcome outcome) {
        Timer[] timers = evaluations.get(serviceId);
        (timers == null ? evaluations.get(UNKNOWN_SERVICE) : timers)[outcome.ordinal()]
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    /** How a call that threw ended: refused when the caller was told what to fix (4xx), failed otherwise. */
    public static Outcome outcomeOf(Throwable failure) {
        Throwable f = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                ? c.getCause() : failure;
        boolean callersFault = f instanceof NotTrustedException
                || (f instanceof ServiceException e && e.status() < 500)
                || (f instanceof WebApplicationException w && w.getResponse().getStatus() < 500);
        return callersFault ? Outcome.REFUSED : Outcome.FAILED;
    }

    /** A card returned to the EHR: by indicator and kind, and by the knowledge row behind it, if any. */
    public void cardIssued(String indicator, String kind, String knowledgeRow) {
        int i = INDICATORS.indexOf(indicator);
        if (i >= 0) {
            Counter[] byIndicator = cards.get(kind);
            (byIndicator != null ? byIndicator : cardCounters(kind))[i].increment();
        }
        if (knowledgeRow != null) {
            cardsByRow.computeIfAbsent(knowledgeRow, row -> Counter.builder("medsafety.cards.knowledge")
                    .description("Cards returned to EHRs, by the knowledge row that produced them")
                    .tag("row", row).register(registry)).increment();
        }
    }

    /** Medications of one call the service could not identify: draft orders, and the patient's current ones. */
    public void unidentified(int draftOrders, int activeMedications) {
        if (draftOrders > 0) {
            unidentifiedDraftOrders.increment(draftOrders);
        }
        if (activeMedications > 0) {
            unidentifiedActiveMedications.increment(activeMedications);
        }
    }
}
