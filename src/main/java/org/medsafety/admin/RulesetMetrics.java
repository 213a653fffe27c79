package org.medsafety.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Ruleset publishing as an operator watches it (docs/monitoring.md): publications (a publish, reload, tuning or the
 * first start's) and rollbacks ({@code activate} of a stored version) by outcome, and how long this instance has
 * been behind the newest activation in the database ({@code medsafety.ruleset.follower.lag}).
 */
@Startup
@Singleton
public class RulesetMetrics {

    /**
     * How a publication or rollback ended: {@code published} (active; a rollback's label says {@code activated}),
     * {@code refused} (a check failed: 422, the running version keeps serving), {@code failed} (it was not
     * activated for another reason: a conflict with a concurrent change, or the database).
     */
    public enum Outcome {
        PUBLISHED, REFUSED, FAILED;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    private final Counter[] publications = new Counter[Outcome.values().length];
    private final Counter[] rollbacks = new Counter[Outcome.values().length];

    @Inject
    public RulesetMetrics(MeterRegistry registry, RulesetActivator activator) {
        for (Outcome o : Outcome.values()) {
            publications[o.ordinal()] = Counter.builder("medsafety.ruleset.publications")
                    .description("Ruleset publications (publish, reload, tuning, first start), by outcome")
                    .tag("outcome", o.label).register(registry);
            rollbacks[o.ordinal()] = Counter.builder("medsafety.ruleset.rollbacks")
                    .description("Activations of a stored ruleset version (rollback or roll forward), by outcome")
                    .tag("outcome", o == Outcome.PUBLISHED ? "activated" : o.label).register(registry);
        }
        Gauge.builder("medsafety.ruleset.follower.lag", activator, RulesetActivator::lagSeconds).strongReference(true)
                .baseUnit("seconds")
                .description("Seconds this instance has been behind the newest ruleset activation; 0 when current")
                .register(registry);
    }

    public void published(Outcome outcome) {
        publications[outcome.ordinal()].increment();
    }

    public void rolledBack(Outcome outcome) {
        rollbacks[outcome.ordinal()].increment();
    }
}
