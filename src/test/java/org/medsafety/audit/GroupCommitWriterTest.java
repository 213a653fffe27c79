package org.medsafety.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medsafety.audit.GroupCommitWriter.Outcome.COMMITTED;
import static org.medsafety.audit.GroupCommitWriter.Outcome.DIVERTED;

/**
 * Audit records submitted concurrently share transactions, and a caller's future completes only once its own record
 * is durable: committed ("committed" is what a sink call that returned normally wrote), or kept by the fallback (the
 * journal). No future is ever left waiting, whatever the database, the fallback or the lifecycle does.
 */
class GroupCommitWriterTest {

    private static final long TIMEOUT_SECONDS = 20;
    private static final Duration LONG_DEADLINE = Duration.ofSeconds(30);

    /** Data errors are IllegalArgumentException here; a connection failure is SQLTransientConnectionException. */
    private static GroupCommitWriter.FailureKind classify(Throwable t) {
        return AuditFailures.unavailable(t) ? GroupCommitWriter.FailureKind.UNAVAILABLE
                : GroupCommitWriter.FailureKind.DATA;
    }

    /** A database that records each batch it is given and what it committed; it may block, refuse, or be gone. */
    private static final class RecordingStore implements GroupCommitWriter.Store<String> {

        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final List<Boolean> retries = new CopyOnWriteArrayList<>();
        final List<String> committed = Collections.synchronizedList(new ArrayList<>());
        final Set<String> committedSet = ConcurrentHashMap.newKeySet();
        volatile long sleepMillis;
        volatile String refuse;
        volatile boolean down;
        /** The database goes away from this attempt on (1 = the first). */
        volatile int downFromAttempt = Integer.MAX_VALUE;
        volatile CountDownLatch entered = new CountDownLatch(0);
        volatile CountDownLatch release = new CountDownLatch(0);

        @Override
        public void write(List<String> batch, boolean retry) throws Exception {
            batchSizes.add(batch.size());
            retries.add(retry);
            entered.countDown();
            await(release);
            sleep(sleepMillis);
            if (down || batchSizes.size() >= downFromAttempt) {
                throw new SQLTransientConnectionException("connection refused");
            }
            if (refuse != null && batch.contains(refuse)) {
                throw new IllegalArgumentException("constraint violated by " + refuse);
            }
            committed.addAll(batch);
            committedSet.addAll(batch); // the last thing before returning: the transaction has committed
        }
    }

    /** The journal's part: keeps what it is given, engages, and may be full. */
    private static final class RecordingFallback implements GroupCommitWriter.Fallback<String> {

        final List<List<String>> diversions = new CopyOnWriteArrayList<>();
        final List<String> kept = new CopyOnWriteArrayList<>();
        final List<Throwable> reasons = new CopyOnWriteArrayList<>();
        volatile boolean engaged;
        volatile boolean full;

        @Override
        public boolean engaged() {
            return engaged;
        }

        @Override
        public void divert(List<String> records, Throwable why) throws Exception {
            if (full) {
                throw new Journal.RefusedException(Journal.Refusal.FULL, "journal full", null);
            }
            diversions.add(List.copyOf(records));
            kept.addAll(records);
            reasons.add(why == null ? new Exception("engaged") : why);
            engaged = true;
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final RecordingFallback journal = new RecordingFallback();
    private GroupCommitWriter<String> writer;
    private ExecutorService pool;

    private static final java.util.concurrent.atomic.AtomicInteger WRITERS = new java.util.concurrent.atomic.AtomicInteger();
    private final String name = "test-writer-" + WRITERS.incrementAndGet();

    private GroupCommitWriter<String> writer(int capacity, int maxBatch, Duration deadline) {
        writer = new GroupCommitWriter<>(name, store, journal, GroupCommitWriterTest::classify,
                new GroupCommitWriter.Settings(capacity, maxBatch, deadline, Duration.ofSeconds(2)));
        return writer;
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (writer != null) {
            store.release.countDown();
            writer.close();
        }
    }

    private static GroupCommitWriter.Outcome done(CompletableFuture<GroupCommitWriter.Outcome> f) throws Exception {
        return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Holds the writer inside the database on a first record, so that the next ones queue up as one batch. */
    private CompletableFuture<GroupCommitWriter.Outcome> holdWriter() throws InterruptedException {
        store.entered = new CountDownLatch(1);
        store.release = new CountDownLatch(1);
        CompletableFuture<GroupCommitWriter.Outcome> first = writer.submit("first");
        assertThat(store.entered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("store called").isTrue();
        return first;
    }

    @Test
    void concurrentSubmitsShareBatchesAndEachRecordIsWrittenOnce() throws Exception {
        store.sleepMillis = 5;
        writer(1_000, 32, LONG_DEADLINE);
        int threads = 8;
        int perThread = 25;
        pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<GroupCommitWriter.Outcome>> futures = new CopyOnWriteArrayList<>();
        List<String> notCommittedWhenDone = new CopyOnWriteArrayList<>();

        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.submit(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    String record = "r" + thread + "-" + i;
                    // When a caller's future completes, its record must already be committed.
                    futures.add(writer.submit(record).whenComplete((ok, error) -> {
                        if (!store.committedSet.contains(record)) {
                            notCommittedWhenDone.add(record);
                        }
                    }));
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        int records = threads * perThread;
        assertThat(futures).hasSize(records).allSatisfy(f -> assertThat(f.join()).isEqualTo(COMMITTED));
        assertThat(store.committed).hasSize(records).doesNotHaveDuplicates();
        assertThat(notCommittedWhenDone).isEmpty();
        assertThat(store.batchSizes).as("group commit: fewer transactions than records").hasSizeLessThan(records);
        assertThat(store.batchSizes).as("no batch above maxBatch").allMatch(size -> size <= 32);
        assertThat(journal.kept).isEmpty();
    }

    @Test
    void aFutureCompletesOnlyAfterItsBatchWasWritten() throws Exception {
        writer(100, 16, LONG_DEADLINE);
        CompletableFuture<GroupCommitWriter.Outcome> done = holdWriter();

        assertThat(done).as("store still writing").isNotDone();
        assertThat(store.committed).isEmpty();

        store.release.countDown();
        assertThat(done(done)).isEqualTo(COMMITTED);
        assertThat(store.committed).containsExactly("first");
    }

    @Test
    void aConnectionFailureSendsTheWholeBatchToTheJournalAtOnce() throws Exception {
        writer(100, 16, LONG_DEADLINE);
        CompletableFuture<GroupCommitWriter.Outcome> first = holdWriter();
        List<CompletableFuture<GroupCommitWriter.Outcome>> queued = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            queued.add(writer.submit("queued-" + i));
        }
        store.downFromAttempt = 2; // "first" commits; the database is gone when the batch of eight is written
        store.release.countDown();

        assertThat(done(first)).isEqualTo(COMMITTED);
        for (CompletableFuture<GroupCommitWriter.Outcome> f : queued) {
            assertThat(done(f)).isEqualTo(DIVERTED);
        }
        assertThat(store.batchSizes).as("one attempt for the batch, never one record at a time against a dead "
                + "database").containsExactly(1, 8);
        assertThat(journal.diversions).containsExactly(List.of("queued-0", "queued-1", "queued-2", "queued-3",
                "queued-4", "queued-5", "queued-6", "queued-7"));
        assertThat(journal.reasons).singleElement().isInstanceOf(SQLTransientConnectionException.class);

        // Engaged now: the next records go to the journal without another try against the database.
        assertThat(done(writer.submit("next"))).isEqualTo(DIVERTED);
        assertThat(store.batchSizes).containsExactly(1, 8);
    }

    @Test
    void whileTheJournalIsEngagedRecordsGoThereWithoutTryingTheDatabase() throws Exception {
        writer(100, 16, LONG_DEADLINE);
        journal.engaged = true;

        assertThat(done(writer.submit("during-outage"))).isEqualTo(DIVERTED);
        assertThat(store.batchSizes).isEmpty();
        assertThat(journal.kept).containsExactly("during-outage");
    }

    @Test
    void whenTheJournalIsFullTheDatabaseIsTriedBeforeACallIsRefused() throws Exception {
        writer(100, 16, LONG_DEADLINE);
        journal.engaged = true;
        journal.full = true;

        assertThat(done(writer.submit("database-is-back"))).isEqualTo(COMMITTED);

        store.down = true;
        CompletableFuture<GroupCommitWriter.Outcome> refused = writer.submit("nowhere-to-go");
        assertThatThrownBy(() -> done(refused)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(Journal.RefusedException.class);
        assertThat(store.committed).containsExactly("database-is-back");
    }

    @Test
    void aDataErrorSplitsTheBatchUntilTheOneBadRecordFailsAlone() throws Exception {
        store.refuse = "bad";
        writer(100, 16, LONG_DEADLINE);
        CompletableFuture<GroupCommitWriter.Outcome> first = holdWriter();
        List<CompletableFuture<GroupCommitWriter.Outcome>> good = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            good.add(writer.submit("good-" + i));
        }
        CompletableFuture<GroupCommitWriter.Outcome> bad = writer.submit("bad");
        store.release.countDown();

        assertThat(done(first)).isEqualTo(COMMITTED);
        for (CompletableFuture<GroupCommitWriter.Outcome> f : good) {
            assertThat(done(f)).isEqualTo(COMMITTED);
        }
        assertThatThrownBy(() -> done(bad)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");
        assertThat(store.committed).hasSize(8).doesNotContain("bad");
        assertThat(store.batchSizes).as("tried whole, then in halves: far fewer attempts than one per record")
                .startsWith(1, 8).hasSizeLessThanOrEqualTo(2 + 2 * 3);
        assertThat(store.retries.subList(2, store.retries.size())).as("a retry may find its records written")
                .containsOnly(true);
        assertThat(journal.kept).as("a refused record is not journaled: replay would refuse it forever").isEmpty();
    }

    @Test
    void theDatabaseGoingAwayDuringASplitSendsTheRestToTheJournal() throws Exception {
        store.refuse = "bad";
        writer(100, 16, LONG_DEADLINE);
        CompletableFuture<GroupCommitWriter.Outcome> first = holdWriter();
        List<CompletableFuture<GroupCommitWriter.Outcome>> rest = new ArrayList<>();
        for (String r : List.of("a", "b", "bad", "c")) {
            rest.add(writer.submit(r));
        }
        // The first attempt fails on "bad"; from then on the database is gone.
        store.release.countDown();
        done(first);
        store.down = true;
        for (CompletableFuture<GroupCommitWriter.Outcome> f : rest) {
            f.handle((ok, e) -> null).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        assertThat(rest).allSatisfy(f -> assertThat(f).isDone());
        assertThat(store.committed.size() + journal.kept.size()
                + rest.stream().filter(CompletableFuture::isCompletedExceptionally).count())
                .as("every record committed, journaled or refused, none twice").isEqualTo(5);
    }

    @Test
    void aRecordNotCommittedWithinItsDeadlineGoesToTheJournal() throws Exception {
        writer(100, 16, Duration.ofMillis(200));
        CompletableFuture<GroupCommitWriter.Outcome> stuck = holdWriter(); // the database holds a lock, say
        CompletableFuture<GroupCommitWriter.Outcome> queued = writer.submit("queued");

        assertThat(done(stuck)).isEqualTo(DIVERTED);
        assertThat(done(queued)).isEqualTo(DIVERTED);
        assertThat(journal.reasons).anyMatch(r -> r instanceof TimeoutException);
        assertThat(store.committed).isEmpty();

        // The database takes the stuck batch after all: the record is in both, which its identity makes harmless.
        store.release.countDown();
        writer.close();
        assertThat(store.committed).containsExactly("first");
        assertThat(journal.kept).contains("first", "queued");
    }

    @Test
    void aFullQueueSendsTheRecordToTheJournalInsteadOfGrowing() throws Exception {
        writer(2, 16, LONG_DEADLINE);
        CompletableFuture<GroupCommitWriter.Outcome> writing = holdWriter();
        CompletableFuture<GroupCommitWriter.Outcome> queued1 = writer.submit("queued-1");
        CompletableFuture<GroupCommitWriter.Outcome> queued2 = writer.submit("queued-2");

        CompletableFuture<GroupCommitWriter.Outcome> overflow = writer.submit("overflow");

        assertThat(done(overflow)).isEqualTo(DIVERTED);
        store.release.countDown();
        assertThat(done(writing)).isEqualTo(COMMITTED);
        assertThat(List.of(done(queued1), done(queued2))).as("the journal engaged: what follows goes there too")
                .containsOnly(DIVERTED);
        assertThat(journal.kept).containsExactly("overflow", "queued-1", "queued-2");
    }

    @Test
    void recordsQueuedBeforeCloseAreStillWritten() throws Exception {
        writer(100, 16, LONG_DEADLINE);
        CompletableFuture<GroupCommitWriter.Outcome> a = holdWriter();
        CompletableFuture<GroupCommitWriter.Outcome> b = writer.submit("b");
        CompletableFuture<GroupCommitWriter.Outcome> c = writer.submit("c");

        CompletableFuture<Void> closing = CompletableFuture.runAsync(writer::close);
        store.release.countDown();
        closing.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(List.of(done(a), done(b), done(c))).containsOnly(COMMITTED);
        assertThat(store.committed).containsExactly("first", "b", "c");
    }

    @Test
    void closeWhileTheDatabaseHangsJournalsEverythingAndLeavesNoCallerWaiting() throws Exception {
        writer(100, 16, LONG_DEADLINE);
        CompletableFuture<GroupCommitWriter.Outcome> inside = holdWriter(); // never released: the database hangs
        List<CompletableFuture<GroupCommitWriter.Outcome>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(writer.submit("queued-" + i));
        }

        writer.close(); // waits its close wait (2 s), then gives up on the database

        assertThat(inside).isDone();
        assertThat(queued).allSatisfy(f -> assertThat(f).isDone());
        assertThat(done(inside)).isEqualTo(DIVERTED);
        assertThat(journal.kept).containsAll(List.of("first", "queued-0", "queued-4"));
        assertThat(writer.outstanding()).isZero();
    }

    @Test
    void closeWithNowhereToPutTheRecordsFailsThemRatherThanLeavingThemWaiting() throws Exception {
        writer(100, 16, LONG_DEADLINE);
        journal.full = true;
        CompletableFuture<GroupCommitWriter.Outcome> inside = holdWriter();
        CompletableFuture<GroupCommitWriter.Outcome> queued = writer.submit("queued");

        writer.close();

        assertThat(inside).isCompletedExceptionally();
        assertThat(queued).isCompletedExceptionally();
    }

    @Test
    void afterCloseARecordGoesStraightToTheJournal() throws Exception {
        writer(100, 16, LONG_DEADLINE);
        writer.close();

        CompletableFuture<GroupCommitWriter.Outcome> late = writer.submit("late");

        assertThat(late).as("answered at once, without waiting for a writer that is gone").isDone();
        assertThat(done(late)).isEqualTo(DIVERTED);
        journal.full = true;
        CompletableFuture<GroupCommitWriter.Outcome> refused = writer.submit("later");
        assertThat(refused).isCompletedExceptionally();
        assertThat(store.batchSizes).isEmpty();
    }

    @Test
    void interruptingTheWriterStopsItWithoutLeavingAnyCallerWaiting() throws Exception {
        writer(100, 16, LONG_DEADLINE);
        done(writer.submit("before"));
        Thread writerThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name)).findFirst().orElseThrow();

        writerThread.interrupt();
        writerThread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(writerThread.isAlive()).as("the writer stopped").isFalse();

        // Submits racing the stop either reached the queue before it (and were drained) or see it stopped.
        List<CompletableFuture<GroupCommitWriter.Outcome>> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            after.add(writer.submit("after-" + i));
        }
        for (CompletableFuture<GroupCommitWriter.Outcome> f : after) {
            assertThat(done(f)).isEqualTo(DIVERTED);
        }
        assertThat(writer.outstanding()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
