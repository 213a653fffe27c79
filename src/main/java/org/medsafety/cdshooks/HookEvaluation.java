package org.medsafety.cdshooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.medsafety.audit.AuditTrail;
import org.medsafety.audit.CardRecord;
import org.medsafety.audit.EvaluationRecord;
import org.medsafety.audit.Journal;
import org.medsafety.cdshooks.dto.Card;
import org.medsafety.cdshooks.dto.CdsResponse;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.engine.ActiveRuleset;
import org.medsafety.engine.Evaluation;
import org.medsafety.engine.Evaluator;
import org.medsafety.engine.Finding;
import org.medsafety.engine.Ruleset;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.Failures;
import org.medsafety.errors.ServiceUnavailableException;
import org.medsafety.fhir.FhirClient;
import org.medsafety.fhir.FhirMetrics;
import org.medsafety.security.CdsCaller;
import org.medsafety.snapshot.LabRecency;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.SnapshotBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One service call, in the order data flows: request → FHIR data → snapshot → rules → cards → audit. The response
 * is released only when its audit record is durable.
 */
@ApplicationScoped
public class HookEvaluation {

    @Inject
    ObjectMapper json;

    @Inject
    ActiveRuleset activeRuleset;

    @Inject
    AuditTrail audit;

    @Inject
    FhirClient fhir;

    @Inject
    MedsafetyConfig config;

    @Inject
    EvaluationMetrics metrics;

    @Inject
    FhirMetrics fhirMetrics;

    private SnapshotBuilder snapshots;
    private CardFactory cardFactory;
    private PrefetchResolver prefetch;
    private HookRequestReader reader;

    @PostConstruct
    void init() {
        reader = new HookRequestReader(new RequestLimits(config.limits()));
        if (config.limits().cards() < CardCap.MIN_CARDS) {
            Log.warnf("medsafety.limits.cards is %d; raised to %d so that findings can still be shown next to the "
                    + "notices that are always sent", config.limits().cards(), CardCap.MIN_CARDS);
        }
        cardFactory = new CardFactory(config.limits().cards());
        snapshots = new SnapshotBuilder(new LabRecency(config.clinical().labMaxAge()));
        prefetch = new PrefetchResolver(fhir, fhirMetrics);
    }

    /** @param caller the verified EHR, or null in the quick start (no clients file) */
    public CompletionStage<CdsResponse> evaluate(CdsService service, byte[] body, CdsCaller caller) {
        long start = System.nanoTime();
        Instant now = Instant.now();
        HookRequest request = reader.read(body, service);
        PrefetchResolver.Gathered gathered = prefetch.gather(service, request);
        PatientSnapshot snapshot = snapshots.build(request.patientId(), gathered.data(), request.draftOrders(),
                request.selections(), now);
        Ruleset ruleset = activeRuleset.current();
        Evaluation evaluation = Evaluator.evaluate(ruleset, snapshot);
        List<CardFactory.IssuedCard> issued = cardFactory.cards(ruleset, evaluation.findings(), snapshot,
                gathered.incomplete());
        List<Card> cards = issued.stream().map(CardFactory.IssuedCard::card).toList();
        long micros = (System.nanoTime() - start) / 1_000;

        EvaluationRecord record = new EvaluationRecord();
        record.hookInstance = request.hookInstance();
        record.serviceId = service.id();
        record.hook = request.hook();
        // Microseconds: what both databases store, so the hash recomputed from the row matches the one written.
        record.evaluatedAt = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        record.patientId = request.patientId();
        record.userId = request.userId();
        record.encounterId = request.encounterId();
        record.clientIss = caller == null ? null : caller.iss();
        record.clientTenant = caller == null ? null : caller.tenant();
        record.rulesetVersion = ruleset.version();
        record.durationMicros = micros;
        record.cardCount = cards.size();
        record.snapshotJson = write(snapshot);
        record.cardsJson = write(cards);
        record.drugsWithoutKnowledge = evaluation.withoutKnowledge().isEmpty() ? null
                : write(evaluation.withoutKnowledge());
        List<CardRecord> cardRecords = new ArrayList<>(issued.size());
        for (CardFactory.IssuedCard c : issued) {
            cardRecords.add(cardRecord(c.card(), c.finding()));
        }
        CdsResponse response = new CdsResponse(cards);
        return audit.append(record, cardRecords).handle((done, failure) -> {
            if (failure != null) {
                Log.errorf("Audit write failed: %s", Failures.describe(failure));
                // No audit record, no answer: an unrecorded alert could never be accounted for.
                Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                        ? c.getCause() : failure;
                throw new ServiceUnavailableException(ErrorCode.NOT_RECORDED,
                        "the evaluation could not be recorded in the "
                        + "audit trail, so it was not released" + (cause instanceof Journal.RefusedException refused
                        ? " (the audit database is unreachable and the local audit journal is "
                        + (refused.reason() == Journal.Refusal.FULL ? "full" : "unwritable") + ")" : "")
                        + "; retry shortly");
            }
            // Counted once the answer is released: what EHRs were shown, not what was computed.
            for (CardFactory.IssuedCard c : issued) {
                metrics.cardIssued(c.card().indicator(), c.finding().check(), c.finding().knowledgeId());
            }
            metrics.unidentified(evaluation.unidentifiedDraftOrders(), evaluation.unidentifiedActiveMedications());
            return response;
        });
    }

    /**
     * The cards this request would get, computed exactly as {@link #evaluate} does, but recorded nowhere: for the
     * console's "Try it" page, whose requests are trials, not care (docs/console.md). The caller removes any
     * {@code fhirServer}, so only the data in the request is used.
     */
    public List<Card> trial(CdsService service, byte[] body) {
        HookRequest request = reader.read(body, service);
        PrefetchResolver.Gathered gathered = prefetch.gather(service, request);
        PatientSnapshot snapshot = snapshots.build(request.patientId(), gathered.data(), request.draftOrders(),
                request.selections(), Instant.now());
        Ruleset ruleset = activeRuleset.current();
        Evaluation evaluation = Evaluator.evaluate(ruleset, snapshot);
        return cardFactory.cards(ruleset, evaluation.findings(), snapshot, gathered.incomplete()).stream()
                .map(CardFactory.IssuedCard::card).toList();
    }

    private static CardRecord cardRecord(Card card, Finding finding) {
        CardRecord r = new CardRecord();
        r.cardUuid = card.uuid();
        r.ruleId = finding.ruleId();
        r.checkKind = finding.check();
        r.knowledgeId = finding.knowledgeId();
        r.indicator = card.indicator();
        r.severity = finding.severity() == null ? null : finding.severity().label();
        r.draftOrder = finding.orderRef();
        r.drugs = finding.drugs().isEmpty() ? null : String.join(",", finding.drugs());
        StringBuilder codes = new StringBuilder();
        finding.rxcuis().stream().filter(id -> id > 0).forEach(id -> codes.append(',').append(id));
        r.rxcuis = codes.length() == 0 ? null : codes.append(',').toString();
        r.summary = card.summary();
        return r;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise audit content", e);
        }
    }

}
