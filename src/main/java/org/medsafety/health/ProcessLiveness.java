package org.medsafety.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness check "alive" ({@code GET /q/health/live}): the process answers HTTP. Deliberately checks no
 * dependency: a database outage, a full journal or a ruleset that will not compile make the instance not ready
 * (readiness), and restarting it would cure none of them, while a restart during an outage would only add a
 * start-up on top. Only a process that no longer answers at all should be restarted.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    static final String NAME = "alive";

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up(NAME);
    }
}
