package org.medsafety.cdshooks;

import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;
import org.medsafety.errors.PreconditionFailedException;
import org.medsafety.errors.ServiceUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.medsafety.fhir.FhirMetrics;
import org.medsafety.fhir.FhirReadFailed;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** How calls and FHIR reads are labelled, without Quarkus: the caller's text never becomes a label. */
class EvaluationMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EvaluationMetrics metrics = new EvaluationMetrics(registry, new CdsServiceCatalog());

    private long count(String service, String outcome) {
        return registry.get("medsafety.evaluations").tag("service", service).tag("outcome", outcome).timer().count();
    }

    @Test
    void everySeriesExistsFromTheStartAndAnUnknownServiceIsCountedAsUnknown() {
        assertThat(count(CdsServiceCatalog.SIGN_ID, "cards")).isZero();
        assertThat(count(CdsServiceCatalog.SELECT_ID, "failed")).isZero();
        metrics.evaluated("../../etc/passwd", System.nanoTime(), EvaluationMetrics.Outcome.REFUSED);
        metrics.evaluated(CdsServiceCatalog.SELECT_ID, System.nanoTime(), EvaluationMetrics.Outcome.NO_CARDS);
        assertThat(count("unknown", "refused")).isEqualTo(1);
        assertThat(count(CdsServiceCatalog.SELECT_ID, "no-cards")).isEqualTo(1);
        assertThat(registry.getMeters()).noneMatch(m -> m.getId().getTags().toString().contains("passwd"));
    }

    @Test
    void whatTheCallerIsToldToFixIsRefusedAndEverythingElseFailed() {
        assertThat(EvaluationMetrics.outcomeOf(new InvalidRequestException(ErrorCode.INVALID_REQUEST, "no context")))
                .isEqualTo(EvaluationMetrics.Outcome.REFUSED);
        assertThat(EvaluationMetrics.outcomeOf(new PreconditionFailedException(ErrorCode.REQUIRED_DATA_NOT_SENT, "no data")))
                .isEqualTo(EvaluationMetrics.Outcome.REFUSED);
        assertThat(EvaluationMetrics.outcomeOf(new CompletionException(
                new ServiceUnavailableException(ErrorCode.NOT_RECORDED, "not recorded"))))
                .isEqualTo(EvaluationMetrics.Outcome.FAILED);
        assertThat(EvaluationMetrics.outcomeOf(new IllegalStateException("bug")))
                .isEqualTo(EvaluationMetrics.Outcome.FAILED);
    }

    @Test
    void cardsAreCountedByIndicatorKindAndRow() {
        metrics.cardIssued("warning", "interaction", "DDI-WARFARIN-NSAID");
        metrics.cardIssued("warning", "interaction", "DDI-WARFARIN-NSAID");
        metrics.cardIssued("info", "unscreened", null);
        assertThat(registry.get("medsafety.cards").tag("indicator", "warning").tag("kind", "interaction").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get("medsafety.cards").tag("indicator", "info").tag("kind", "unscreened").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("medsafety.cards.knowledge").tag("row", "DDI-WARFARIN-NSAID").counter().count())
                .isEqualTo(2);
        assertThat(registry.find("medsafety.cards.knowledge").counters()).hasSize(1);
    }

    @Test
    void fhirReadsAreLabelledByTheirTemplatesResourceTypeAndWhatStoppedThem() {
        assertThat(FhirMetrics.resourceType("Patient/{{context.patientId}}")).isEqualTo("Patient");
        assertThat(FhirMetrics.resourceType("Observation?patient=123&code=x")).isEqualTo("Observation");
        assertThat(FhirMetrics.outcomeOf(FhirReadFailed.Kind.SERVER_ERROR)).isEqualTo(FhirMetrics.Outcome.FAILED);
        assertThat(FhirMetrics.outcomeOf(FhirReadFailed.Kind.TIMEOUT)).isEqualTo(FhirMetrics.Outcome.FAILED);
        assertThat(FhirMetrics.outcomeOf(FhirReadFailed.Kind.REDIRECTED)).isEqualTo(FhirMetrics.Outcome.REFUSED);
        assertThat(FhirMetrics.outcomeOf(FhirReadFailed.Kind.LINK_REFUSED)).isEqualTo(FhirMetrics.Outcome.REFUSED);
        assertThat(FhirMetrics.outcomeOf(FhirReadFailed.Kind.TOO_LARGE)).isEqualTo(FhirMetrics.Outcome.REFUSED);
    }
}
