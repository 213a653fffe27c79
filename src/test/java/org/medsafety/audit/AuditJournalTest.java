package org.medsafety.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journal's owner, without Quarkus: records journaled during an outage reach the database in journal order,
 * each exactly once (the fake database, like the real one, refuses a second copy of a record UUID), after a restart
 * too; a record the database refuses is set aside without blocking the rest; the state says where records go.
 */
class AuditJournalTest {

    private static final long WAIT_MS = 20_000;

    @TempDir
    Path dir;

    /** A database: one table keyed by record UUID, in insertion order; it may be down or refuse one record. */
    private static final class FakeDatabase implements AuditJournal.Target {
        final Map<String, EvaluationEntry> rows = new LinkedHashMap<>();
        final List<FeedbackEntry> feedback = new ArrayList<>();
        final List<Integer> transactions = new CopyOnWriteArrayList<>();
        volatile boolean down;
        volatile String refuse;

        @Override
        public synchronized void write(List<AuditEntry> entries) throws Exception {
            transactions.add(entries.size());
            if (down) {
                throw new SQLTransientConnectionException("connection refused");
            }
            Map<String, EvaluationEntry> tx = new LinkedHashMap<>();
            List<FeedbackEntry> fb = new ArrayList<>();
            for (AuditEntry e : entries) {
                if (e instanceof EvaluationEntry ev) {
                    if (ev.recordUuid().equals(refuse)) {
                        throw new SQLException("value too long", "22001");
                    }
                    if (!rows.containsKey(ev.recordUuid())) { // what AuditTrail.persist does with mayExist
                        tx.putIfAbsent(ev.recordUuid(), ev);
                    }
                } else if (e instanceof FeedbackEntry f) {
                    fb.add(f);
                }
            }
            rows.putAll(tx); // commit
            feedback.addAll(fb);
        }

        synchronized List<String> hookInstances() {
            return rows.values().stream().map(EvaluationEntry::hookInstance).toList();
        }
    }

    private final FakeDatabase db = new FakeDatabase();
    private final List<AuditJournal> journals = new ArrayList<>();

    private AuditJournal start(long maxBytes) {
        AuditJournal j = new AuditJournal();
        j.open(dir, maxBytes);
        BooleanSupplier answers = () -> !db.down;
        j.start(db, failure -> AuditFailures.classify(failure, answers));
        journals.add(j);
        return j;
    }

    @AfterEach
    void close() {
        journals.forEach(AuditJournal::close);
    }

    private static EvaluationEntry evaluation(String hookInstance) {
        return new EvaluationEntry(java.util.UUID.randomUUID().toString(), hookInstance, "medication-safety-sign",
                "order-sign", Instant.parse("2026-03-01T10:15:30.123456Z"), "patient-1", null, null, null, null, null,
                "v1", 1200, 1, "{}", "[]", List.of(new EvaluationEntry.Card(java.util.UUID.randomUUID().toString(),
                "DDI-TABLE", "interaction", null, "warning", "major", "o1", "warfarin,naproxen", ",11289,",
                "Major interaction")));
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void recordsJournaledDuringAnOutageReachTheDatabaseInOrderOnceItReturns() throws Exception {
        AuditJournal journal = start(1 << 20);
        assertThat(journal.state()).isEqualTo(AuditJournal.State.DATABASE);
        db.down = true;

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            journal.divert(List.of(evaluation("h" + i)), new SQLTransientConnectionException("refused"));
            expected.add("h" + i);
        }
        assertThat(journal.engaged()).isTrue();
        assertThat(journal.state()).isEqualTo(AuditJournal.State.JOURNALING);
        assertThat(journal.databaseReachable()).isFalse();
        assertThat(journal.backlog()).isEqualTo(20);
        waitFor(() -> db.transactions.size() >= 2, "replay attempts against the stopped database");
        assertThat(db.rows).isEmpty();

        db.down = false;
        waitFor(() -> journal.state() == AuditJournal.State.DATABASE, "replay to finish");
        assertThat(db.hookInstances()).containsExactlyElementsOf(expected);
        assertThat(journal.backlog()).isZero();
        assertThat(journal.replayed()).isEqualTo(20);
        assertThat(journal.databaseReachable()).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".log")).toList()).as("segments deleted").isEmpty();
        }
    }

    @Test
    void aCrashDuringAnOutageIsReplayedAtTheNextStartAndNothingTwice() throws Exception {
        AuditJournal first = start(1 << 20);
        db.down = true;
        EvaluationEntry a = evaluation("a");
        EvaluationEntry b = evaluation("b");
        first.divert(List.of(a, b), new SQLTransientConnectionException("refused"));
        // The database already got "a" (a commit whose outcome the writer never saw), then the process dies.
        db.down = false;
        synchronized (db) {
            db.rows.put(a.recordUuid(), a);
        }
        db.down = true;
        first.close();
        journals.remove(first);

        db.down = false;
        AuditJournal restarted = start(1 << 20);
        waitFor(() -> restarted.state() == AuditJournal.State.DATABASE, "replay at start");
        assertThat(db.hookInstances()).containsExactly("a", "b");
    }

    @Test
    void aRecordTheDatabaseRefusesIsSetAsideAndTheOthersGoOn() throws Exception {
        AuditJournal journal = start(1 << 20);
        db.down = true;
        EvaluationEntry bad = evaluation("bad");
        db.refuse = bad.recordUuid();
        journal.divert(List.of(evaluation("before"), bad, evaluation("after")),
                new SQLTransientConnectionException("refused"));

        db.down = false;
        waitFor(() -> journal.state() == AuditJournal.State.DATABASE, "replay");
        assertThat(db.hookInstances()).containsExactly("before", "after");
        assertThat(journal.setAside()).isEqualTo(1);
        assertThat(dir.resolve("set-aside.log")).exists();
    }

    @Test
    void feedbackJournaledAfterItsEvaluationIsReplayedAfterIt() throws Exception {
        AuditJournal journal = start(1 << 20);
        db.down = true;
        EvaluationEntry e = evaluation("with-card");
        journal.divert(List.of(e), new SQLTransientConnectionException("refused"));
        journal.journalFeedback(List.of(new FeedbackEntry(e.cards().get(0).cardUuid(), "medication-safety-sign",
                "overridden", Instant.parse("2026-03-01T10:16:00Z"), null, "reason-1", null, null, null, null, null,
                Instant.parse("2026-03-01T10:16:01Z"))), null);

        db.down = false;
        waitFor(() -> journal.state() == AuditJournal.State.DATABASE, "replay");
        assertThat(db.rows).hasSize(1);
        assertThat(db.feedback).singleElement().extracting(FeedbackEntry::cardUuid)
                .isEqualTo(e.cards().get(0).cardUuid());
    }

    @Test
    void aFullJournalRefusesAndSaysSo() throws Exception {
        AuditJournal journal = start(3_000);
        db.down = true;
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                journal.divert(List.of(evaluation("h" + i)), new SQLTransientConnectionException("refused"));
            }
        }).isInstanceOf(Journal.RefusedException.class);
        assertThat(journal.state()).isEqualTo(AuditJournal.State.FULL);
        long kept = journal.backlog();
        assertThat(kept).isPositive();

        db.down = false;
        waitFor(() -> journal.state() == AuditJournal.State.DATABASE, "the backlog to drain");
        assertThat(db.rows).hasSize((int) kept);
    }

    @Test
    void aJournalDirectoryThatCannotBeOpenedRefusesDiversionsButLeavesTheDatabasePath() throws Exception {
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        AuditJournal journal = new AuditJournal();
        journal.open(notADirectory, 1 << 20);
        journals.add(journal);

        assertThat(journal.writable()).isFalse();
        assertThat(journal.engaged()).isFalse();
        assertThatThrownBy(() -> journal.divert(List.of(evaluation("x")), null))
                .isInstanceOf(Journal.RefusedException.class);
        assertThat(journal.state()).isEqualTo(AuditJournal.State.UNWRITABLE);
        TimeUnit.MILLISECONDS.sleep(1);
    }
}
