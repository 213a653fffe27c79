package org.medsafety.knowledge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.medsafety.engine.ActiveRuleset;

/**
 * Readiness check "knowledge": up when the served ruleset's knowledge base is loaded, with its rows per file (a
 * table that suddenly counts 0 rows after a publication is worth a look); down before the first ruleset is served.
 * Knowledge is published with the rules, so it is read from the ruleset this instance serves.
 */
@Readiness
@ApplicationScoped
public class KnowledgeReadiness implements HealthCheck {

    static final String NAME = "knowledge";

    @Inject
    ActiveRuleset active;

    @Override
    public HealthCheckResponse call() {
        ActiveRuleset.Served served = active.servedOrNull();
        return check(served == null ? null : served.ruleset().knowledge());
    }

    /** The check's answer for this knowledge base (null: none loaded yet). */
    static HealthCheckResponse check(KnowledgeBase knowledge) {
        if (knowledge == null) {
            return HealthCheckResponse.named(NAME).down().withData("knowledge", "not loaded yet").build();
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        knowledge.rowCounts().forEach((file, rows) -> response.withData(file, rows));
        return response.build();
    }
}
