package org.medsafety.audit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The audit write path as an operator watches it (docs/monitoring.md): how long an evaluation's record took to
 * become durable and where it went ({@code medsafety.audit.writes}, destination database, journal or refused), and
 * the local journal's backlog, size and replay, read from {@link AuditJournal} at each scrape.
 */
@Startup
@Singleton
public class AuditMetrics {

    /** Around the 2 s write deadline (after which a record goes to the journal) and group commit's few ms. */
    private static final Duration[] WRITE_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5)};

    private final Timer toDatabase;
    private final Timer toJournal;
    private final Timer refused;
    private final AuditJournal journal;

    @Inject
    public AuditMetrics(MeterRegistry registry, AuditJournal journal) {
        this.journal = journal;
        toDatabase = writes(registry, "database");
        toJournal = writes(registry, "journal");
        refused = writes(registry, "refused");
        Gauge.builder("medsafety.audit.journal.backlog", journal, AuditJournal::backlog).strongReference(true)
                .description("Audit records in the local journal, not yet in the database").register(registry);
        Gauge.builder("medsafety.audit.journal.bytes", journal, AuditJournal::bytes).strongReference(true)
                .description("Bytes the local audit journal holds on disk").register(registry);
        Gauge.builder("medsafety.audit.journal.max.bytes", journal, AuditJournal::maxBytes).strongReference(true)
                .description("The most the local audit journal may hold (medsafety.audit.journal-max-bytes)")
                .register(registry);
        // A function counter holds its object weakly; this bean, alive as long as the registry, holds the journal.
        FunctionCounter.builder("medsafety.audit.journal.replayed", journal, AuditJournal::replayed)
                .description("Audit records replayed from the journal into the database since start")
                .register(registry);
        Gauge.builder("medsafety.audit.journal.set.aside", journal, AuditJournal::setAside).strongReference(true)
                .description("Journal entries the database refused on replay, kept in set-aside.log (ever)")
                .register(registry);
    }

    private static Timer writes(MeterRegistry registry, String destination) {
        return Timer.builder("medsafety.audit.writes")
                .description("Evaluation audit records, from submission until durable (or refused)")
                .tag("destination", destination).serviceLevelObjectives(WRITE_BUCKETS).register(registry);
    }

    /** An evaluation's record submitted at {@code startNanos} became durable there (null outcome: refused). */
    void written(long startNanos, GroupCommitWriter.Outcome outcome) {
        Timer timer = outcome == null ? refused
                : outcome == GroupCommitWriter.Outcome.COMMITTED ? toDatabase : toJournal;
        timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
