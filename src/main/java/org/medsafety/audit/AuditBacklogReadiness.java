package org.medsafety.audit;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.medsafety.config.MedsafetyConfig;

/**
 * Readiness check "audit-backlog": up while the local journal holds less than
 * {@code medsafety.audit.journal-ready-percent} of its maximum size and has room for the next record. Near the limit the instance leaves the load
 * balancer's pool, so calls go to instances with room instead of getting 503 here once the journal is full. The
 * check "audit" says where records go; this one says how close the journal is to refusing them.
 */
@Startup // a percentage out of range stops the start, not the first probe
@Readiness
@ApplicationScoped
public class AuditBacklogReadiness implements HealthCheck {

    static final String NAME = "audit-backlog";

    @Inject
    AuditJournal journal;

    @Inject
    MedsafetyConfig config;

    private int percent;

    @PostConstruct
    void init() {
        percent = validPercent(config.audit().journalReadyPercent());
    }

    static int validPercent(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalStateException("medsafety.audit.journal-ready-percent "
                    + "(MEDSAFETY_AUDIT_JOURNAL_READY_PERCENT) must be between 1 and 100, not " + percent);
        }
        return percent;
    }

    @Override
    public HealthCheckResponse call() {
        return check(journal, percent);
    }

    /** The check's answer for this journal and limit. */
    static HealthCheckResponse check(AuditJournal journal, int percent) {
        long max = journal.maxBytes();
        long bytes = journal.bytes();
        long limit = max / 100 * percent + max % 100 * percent / 100; // max * percent / 100 without overflow
        // No journal (it could not be opened) holds nothing: the check "audit" reports that state. A journal that
        // refused a record for lack of room is full, whatever the bytes say (the record did not fit).
        boolean up = max == 0 || (bytes < limit && journal.state() != AuditJournal.State.FULL);
        return HealthCheckResponse.named(NAME).status(up)
                .withData("backlog", journal.backlog())
                .withData("bytes", bytes)
                .withData("limitBytes", limit)
                .withData("maxBytes", max)
                .withData("replayed", journal.replayed())
                .withData("setAside", journal.setAside())
                .build();
    }
}
