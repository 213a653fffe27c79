package org.medsafety.audit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Audit records submitted concurrently share transactions, and a caller's future completes only once its own record
 * is committed. "Committed" here is what a sink call that returned normally wrote.
 */
class GroupCommitWriterTest {

    private static final long TIMEOUT_SECONDS = 20;

    /** A sink that records each batch it is given and what it committed; it may sleep, block, or refuse. */
    private static final class RecordingSink implements Consumer<List<String>> {

        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final List<String> committed = Collections.synchronizedList(new ArrayList<>());
        final Set<String> committedSet = ConcurrentHashMap.newKeySet();
        volatile long sleepMillis;
        volatile String refuse;
        volatile CountDownLatch entered = new CountDownLatch(0);
        volatile CountDownLatch release = new CountDownLatch(0);

        @Override
        public void accept(List<String> batch) {
            batchSizes.add(batch.size());
            entered.countDown();
            await(release);
            sleep(sleepMillis);
            if (refuse != null && batch.contains(refuse)) {
                throw new IllegalArgumentException("constraint violated by " + refuse);
            }
            committed.addAll(batch);
            committedSet.addAll(batch); // the last thing before returning: the transaction has committed
        }
    }

    private final RecordingSink sink = new RecordingSink();
    private GroupCommitWriter<String> writer;
    private ExecutorService pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (writer != null) {
            sink.release.countDown();
            writer.close();
        }
    }

    @Test
    void concurrentSubmitsShareBatchesAndEachRecordIsWrittenOnce() throws Exception {
        sink.sleepMillis = 5;
        writer = new GroupCommitWriter<>("test-writer", sink, 1_000, 32);
        int threads = 8;
        int perThread = 25;
        pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> futures = new CopyOnWriteArrayList<>();
        List<String> notCommittedWhenDone = new CopyOnWriteArrayList<>();

        for (int t = 0; t < threads; t++) {
            int thread = t;
            pool.submit(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    String record = "r" + thread + "-" + i;
                    CompletableFuture<Void> done = writer.submit(record);
                    // When a caller's future completes, its record must already be committed.
                    futures.add(done.whenComplete((ok, error) -> {
                        if (!sink.committedSet.contains(record)) {
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
        assertThat(futures).hasSize(records);
        assertThat(sink.committed).hasSize(records).doesNotHaveDuplicates();
        assertThat(notCommittedWhenDone).isEmpty();
        assertThat(sink.batchSizes).as("group commit: fewer transactions than records").hasSizeLessThan(records);
        assertThat(sink.batchSizes).as("no batch above maxBatch").allMatch(size -> size <= 32);
        assertThat(sink.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(records);
    }

    @Test
    void aFutureCompletesOnlyAfterItsBatchWasWritten() throws Exception {
        sink.entered = new CountDownLatch(1);
        sink.release = new CountDownLatch(1);
        writer = new GroupCommitWriter<>("test-writer", sink, 100, 16);

        CompletableFuture<Void> done = writer.submit("a");
        assertThat(sink.entered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("sink called").isTrue();

        assertThat(done).as("sink still writing").isNotDone();
        assertThat(sink.committed).isEmpty();

        sink.release.countDown();
        done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(sink.committed).containsExactly("a");
    }

    @Test
    void oneBadRecordFailsAloneAndTheRestOfItsBatchIsWritten() throws Exception {
        sink.refuse = "bad";
        sink.entered = new CountDownLatch(1);
        sink.release = new CountDownLatch(1);
        writer = new GroupCommitWriter<>("test-writer", sink, 100, 16);

        // Hold the writer on a first record so that the next four queue up and are written as one batch.
        CompletableFuture<Void> first = writer.submit("first");
        assertThat(sink.entered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> good1 = writer.submit("good-1");
        CompletableFuture<Void> bad = writer.submit("bad");
        CompletableFuture<Void> good2 = writer.submit("good-2");
        CompletableFuture<Void> good3 = writer.submit("good-3");
        sink.release.countDown();

        first.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        good1.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        good2.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        good3.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad");

        assertThat(sink.batchSizes).as("the four were tried together first").startsWith(1, 4);
        assertThat(sink.committed).containsExactlyInAnyOrder("first", "good-1", "good-2", "good-3");
    }

    @Test
    void aBatchOfOneThatFailsFailsItsFuture() {
        sink.refuse = "bad";
        writer = new GroupCommitWriter<>("test-writer", sink, 100, 16);

        CompletableFuture<Void> bad = writer.submit("bad");

        assertThatThrownBy(() -> bad.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(sink.committed).isEmpty();
    }

    @Test
    void recordsQueuedBeforeCloseAreStillWritten() throws Exception {
        sink.entered = new CountDownLatch(1);
        sink.release = new CountDownLatch(1);
        writer = new GroupCommitWriter<>("test-writer", sink, 100, 16);
        CompletableFuture<Void> a = writer.submit("a");
        assertThat(sink.entered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> b = writer.submit("b");
        CompletableFuture<Void> c = writer.submit("c");

        CompletableFuture<Void> closing = CompletableFuture.runAsync(writer::close);
        sink.release.countDown();
        closing.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        CompletableFuture.allOf(a, b, c).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(sink.committed).containsExactly("a", "b", "c");
    }

    @Test
    void afterCloseSubmitFailsFast() {
        writer = new GroupCommitWriter<>("test-writer", sink, 100, 16);
        writer.close();

        CompletableFuture<Void> late = writer.submit("late");

        assertThat(late).as("failed at once, without waiting for a writer that is gone").isCompletedExceptionally();
        assertThatThrownBy(late::join).hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("stopped");
        assertThat(sink.batchSizes).isEmpty();
    }

    @Test
    void aFullQueueRefusesInsteadOfGrowingWithoutBound() throws Exception {
        sink.entered = new CountDownLatch(1);
        sink.release = new CountDownLatch(1);
        writer = new GroupCommitWriter<>("test-writer", sink, 2, 16);
        CompletableFuture<Void> writing = writer.submit("writing");
        assertThat(sink.entered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> queued1 = writer.submit("queued-1");
        CompletableFuture<Void> queued2 = writer.submit("queued-2");

        CompletableFuture<Void> overflow = writer.submit("overflow");

        assertThat(overflow).isCompletedExceptionally();
        assertThatThrownBy(overflow::join).hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("saturated");
        sink.release.countDown();
        CompletableFuture.allOf(writing, queued1, queued2).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(sink.committed).containsExactly("writing", "queued-1", "queued-2");
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
