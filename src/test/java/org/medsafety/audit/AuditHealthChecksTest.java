package org.medsafety.audit;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks "audit" and "audit-backlog" in each state of the journal, without Quarkus: a real journal in a
 * temporary directory, driven as the audit writer drives it (no replay runs, so what is journaled stays).
 */
class AuditHealthChecksTest {

    @TempDir
    Path dir;

    private final List<AuditJournal> journals = new ArrayList<>();

    @AfterEach
    void close() {
        journals.forEach(AuditJournal::close);
    }

    private AuditJournal journal(Path where, long maxBytes) {
        AuditJournal journal = new AuditJournal();
        journal.open(where, maxBytes);
        journals.add(journal);
        return journal;
    }

    private static EvaluationEntry evaluation() {
        return new EvaluationEntry(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "medication-safety-sign", "order-sign", Instant.parse("2026-03-01T10:15:30.123456Z"), "patient-1", null,
                null, null, null, null, "v1", 1200, 0, "{}", "[]", List.of());
    }

    private static void outage(AuditJournal journal) throws Exception {
        journal.divert(List.of(evaluation()), new SQLTransientConnectionException("connection refused"));
    }

    private static HealthCheckResponse audit(AuditJournal journal) {
        AuditReadiness check = new AuditReadiness();
        check.journal = journal;
        return check.call();
    }

    private static Map<String, Object> data(HealthCheckResponse response) {
        return response.getData().orElseThrow();
    }

    @Test
    void recordsGoingToTheDatabaseAreUpAndSaySo() {
        AuditJournal journal = journal(dir, 1 << 20);
        HealthCheckResponse audit = audit(journal);
        assertThat(audit.getName()).isEqualTo("audit");
        assertThat(audit.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(audit)).containsEntry("records", "database").containsEntry("database", "reachable")
                .containsEntry("journalBacklog", 0L).containsEntry("journalWritable", true);

        HealthCheckResponse backlog = AuditBacklogReadiness.check(journal, 90);
        assertThat(backlog.getName()).isEqualTo("audit-backlog");
        assertThat(backlog.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(backlog)).containsEntry("backlog", 0L).containsEntry("maxBytes", (long) (1 << 20))
                .containsEntry("limitBytes", (long) (1 << 20) * 90 / 100);
    }

    @Test
    void anEngagedJournalIsUpButDegradedWithItsBacklog() throws Exception {
        AuditJournal journal = journal(dir, 1 << 20);
        for (int i = 0; i < 3; i++) {
            outage(journal);
        }
        HealthCheckResponse audit = audit(journal);
        assertThat(audit.getStatus()).as("calls are still answered and recorded")
                .isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(audit)).containsEntry("records", "journal (degraded)")
                .containsEntry("database", "unreachable").containsEntry("journalBacklog", 3L);

        HealthCheckResponse backlog = AuditBacklogReadiness.check(journal, 90);
        assertThat(backlog.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(backlog)).containsEntry("backlog", 3L);
        assertThat((Long) data(backlog).get("bytes")).isPositive();
    }

    @Test
    void aBacklogAtItsLimitTakesTheInstanceOutOfThePoolBeforeTheJournalIsFull() throws Exception {
        AuditJournal measure = journal(dir.resolve("measure"), 1 << 20);
        outage(measure);
        long oneRecord = measure.bytes();
        // Room for ten records, ready below 15 %: up with one record, down with two, the journal still taking more.
        AuditJournal journal = journal(dir.resolve("journal"), 10 * oneRecord);
        outage(journal);
        HealthCheckResponse one = AuditBacklogReadiness.check(journal, 15);
        outage(journal);
        HealthCheckResponse two = AuditBacklogReadiness.check(journal, 15);

        assertThat(one.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(two.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(two)).containsEntry("backlog", 2L).containsEntry("limitBytes", 10 * oneRecord * 15 / 100);
        assertThat(audit(journal).getStatus()).as("the journal itself still takes records")
                .isEqualTo(HealthCheckResponse.Status.UP);
        outage(journal);
    }

    @Test
    void aFullJournalIsDownForBothChecks() {
        AuditJournal journal = journal(dir, 3_000);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                outage(journal);
            }
        }).isInstanceOf(Journal.RefusedException.class);

        HealthCheckResponse audit = audit(journal);
        assertThat(audit.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(audit)).containsEntry("records", "refused: journal full")
                .containsEntry("journalMaxBytes", 3_000L);
        assertThat(AuditBacklogReadiness.check(journal, 100).getStatus())
                .isEqualTo(HealthCheckResponse.Status.DOWN);
    }

    @Test
    void aJournalThatCannotBeWrittenIsDownOnceTheDatabaseIsUnreachableToo() throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        AuditJournal journal = journal(notADirectory, 1 << 20);

        HealthCheckResponse whileTheDatabaseWorks = audit(journal);
        assertThat(whileTheDatabaseWorks.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(data(whileTheDatabaseWorks)).containsEntry("journalWritable", false);
        assertThat(AuditBacklogReadiness.check(journal, 90).getStatus()).as("no journal holds no backlog")
                .isEqualTo(HealthCheckResponse.Status.UP);

        assertThatThrownBy(() -> outage(journal)).isInstanceOf(Journal.RefusedException.class);
        HealthCheckResponse audit = audit(journal);
        assertThat(audit.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(data(audit)).containsEntry("records", "refused: journal unwritable")
                .containsEntry("database", "unreachable");
    }

    @Test
    void theBacklogLimitIsAPercentageOfTheJournal() {
        assertThat(AuditBacklogReadiness.validPercent(1)).isEqualTo(1);
        assertThat(AuditBacklogReadiness.validPercent(100)).isEqualTo(100);
        assertThatThrownBy(() -> AuditBacklogReadiness.validPercent(0))
                .hasMessageContaining("MEDSAFETY_AUDIT_JOURNAL_READY_PERCENT");
        assertThatThrownBy(() -> AuditBacklogReadiness.validPercent(101)).hasMessageContaining("between 1 and 100");
    }
}
