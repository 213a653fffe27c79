package org.medsafety.cdshooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.medsafety.audit.AuditTrail;

/**
 * Feedback from EHRs by outcome ({@code medsafety.feedback}): the override rate an operator or pharmacist watches
 * after a publication. Only entries taken now count; a repeat the trail already holds does not.
 */
@Startup
@Singleton
public class FeedbackMetrics {

    private final Counter accepted;
    private final Counter overridden;

    @Inject
    public FeedbackMetrics(MeterRegistry registry) {
        accepted = counter(registry, "accepted");
        overridden = counter(registry, "overridden");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("medsafety.feedback").description("Card feedback taken from EHRs, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    public void received(AuditTrail.FeedbackReceipt receipt) {
        if (receipt.accepted() > 0) {
            accepted.increment(receipt.accepted());
        }
        if (receipt.overridden() > 0) {
            overridden.increment(receipt.overridden());
        }
    }
}
