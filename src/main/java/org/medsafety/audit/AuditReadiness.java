package org.medsafety.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the audit write path ({@code GET /q/health/ready}, check "audit"). Up while records go to the
 * database, and still up while they go to the local journal (screening goes on; the data says so and counts the
 * backlog). Down when a call could not be recorded anywhere: the journal is full, or cannot be written while the
 * database cannot be reached either; such calls get 503, so a load balancer should send them elsewhere.
 */
@Readiness
@ApplicationScoped
public class AuditReadiness implements HealthCheck {

    @Inject
    AuditJournal journal;

    @Override
    public HealthCheckResponse call() {
        AuditJournal.State state = journal.state();
        boolean up = switch (state) {
            case DATABASE, JOURNALING -> true;
            case FULL -> false;
            case UNWRITABLE -> journal.databaseReachable() && !journal.engaged();
        };
        HealthCheckResponseBuilder response = HealthCheckResponse.named("audit").status(up)
                .withData("records", switch (state) {
                    case DATABASE -> "database";
                    case JOURNALING -> "journal (degraded)";
                    case FULL -> "refused: journal full";
                    case UNWRITABLE -> journal.engaged() || !journal.databaseReachable()
                            ? "refused: journal unwritable" : "database (journal unwritable)";
                })
                .withData("database", journal.databaseReachable() ? "reachable" : "unreachable")
                .withData("journalBacklog", journal.backlog())
                .withData("journalBytes", journal.bytes())
                .withData("journalMaxBytes", journal.maxBytes())
                .withData("journalWritable", journal.writable())
                .withData("setAside", journal.setAside());
        return response.build();
    }
}
