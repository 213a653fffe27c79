package org.medsafety.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.medsafety.engine.ActiveRuleset;

/**
 * Readiness check "ruleset": up once a compiled ruleset is served, with its version, the database activation it
 * serves and when it was compiled; down before the first one compiles (nothing could be screened). An instance that
 * cannot serve the newest activation (its files are missing or do not compile here) stays up on the version it
 * serves, and the data names the activation it skipped: the follower-lag metric grows meanwhile.
 */
@Readiness
@ApplicationScoped
public class RulesetReadiness implements HealthCheck {

    static final String NAME = "ruleset";

    @Inject
    ActiveRuleset active;

    @Inject
    RulesetActivator activator;

    @Override
    public HealthCheckResponse call() {
        return check(active.servedOrNull(), activator.failedActivation());
    }

    /** The check's answer for what is served and the newest activation that could not be (null: none). */
    static HealthCheckResponse check(ActiveRuleset.Served served, ActivationLog.Activation notServed) {
        if (served == null) {
            return HealthCheckResponse.named(NAME).down().withData("ruleset", "none compiled yet").build();
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up()
                .withData("version", served.ruleset().version())
                .withData("activation", served.activationId())
                .withData("compiledAt", served.ruleset().compiledAt().toString());
        if (notServed != null) {
            response.withData("notServedActivation", notServed.id())
                    .withData("notServedVersion", notServed.version());
        }
        return response.build();
    }
}
