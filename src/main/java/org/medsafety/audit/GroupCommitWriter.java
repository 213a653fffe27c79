package org.medsafety.audit;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Group commit with a fallback: records submitted concurrently are written together, in one transaction, by one
 * thread; each caller's future completes only once its record is durable, either committed to the database or kept
 * by the fallback (the local journal). So a response can wait for its audit record without paying one commit per
 * request, and without waiting on a database that is gone.
 *
 * <ul>
 * <li>When the fallback is engaged (an outage, or a backlog being replayed), batches go to it, not to the database.</li>
 * <li>A batch that fails because the database is unreachable goes to the fallback whole, at once. Only a data error
 *     splits the batch and retries the halves, down to the one record the database refuses, which fails alone.</li>
 * <li>A record has a deadline: not committed within it (the database is slow, or a lock is held), it goes to the
 *     fallback. The database may still commit it afterwards; the record's own identity makes that harmless.</li>
 * <li>One lifecycle: {@link #close()} (or an interrupt of the writer thread) stops taking work under the same monitor
 *     {@link #submit} checks, writes or diverts what is queued, and completes every future still outstanding. After
 *     that, {@code submit} diverts straight to the fallback. No future is ever left waiting.</li>
 * </ul>
 *
 * <p>Callers must attach only cheap stages to the futures: they run on the thread that completes them (the writer,
 * the deadline watch, or the submitting thread).
 *
 * @param <T> the record type
 */
public final class GroupCommitWriter<T> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class);

    /** Where a record ended up. */
    public enum Outcome { COMMITTED, DIVERTED }

    /** Why the database did not take a batch. */
    public enum FailureKind {
        /** The database cannot be reached or did not answer in time: nothing about the records is wrong. */
        UNAVAILABLE,
        /** The database refused the content: some record in the batch can never be written as it is. */
        DATA
    }

    /** Writes a batch in one transaction and commits, or throws. */
    @FunctionalInterface
    public interface Store<T> {
        /**
         * @param retry true if the records may already have been committed (an earlier attempt's outcome is
         *              unknown): the store must then skip the ones it already holds
         */
        void write(List<T> batch, boolean retry) throws Exception;
    }

    /** Where records go when the database cannot take them in time. */
    public interface Fallback<T> {
        /** True while records must go to the fallback rather than the database (an outage, or its backlog). */
        boolean engaged();

        /** Keeps the records durably before returning, and engages; throws if it cannot. */
        void divert(List<T> records, Throwable why) throws Exception;
    }

    /** @param capacity records that may wait; beyond it a record goes straight to the fallback */
    public record Settings(int capacity, int maxBatch, Duration deadline, Duration closeWait) {
    }

    private static final class Pending<T> {
        final T record;
        final CompletableFuture<Outcome> done = new CompletableFuture<>();
        final long since = System.nanoTime();

        Pending(T record) {
            this.record = record;
        }
    }

    private final BlockingQueue<Pending<T>> queue;
    private final Set<Pending<T>> outstanding = ConcurrentHashMap.newKeySet();
    private final Store<T> store;
    private final Fallback<T> fallback;
    private final Function<Throwable, FailureKind> classify;
    private final int maxBatch;
    private final long deadlineNanos;
    private final Duration closeWait;
    private final Thread writer;
    private final Thread watch;
    private boolean running = true; // guarded by this
    private volatile boolean watching = true;
    private volatile List<Pending<T>> inFlight;
    private volatile long inFlightSince;

    public GroupCommitWriter(String name, Store<T> store, Fallback<T> fallback,
                             Function<Throwable, FailureKind> classify, Settings settings) {
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
        this.store = store;
        this.fallback = fallback;
        this.classify = classify;
        this.maxBatch = settings.maxBatch();
        this.deadlineNanos = settings.deadline().toNanos();
        this.closeWait = settings.closeWait();
        this.writer = new Thread(this::run, name);
        this.writer.setDaemon(true);
        this.watch = new Thread(this::watchDeadlines, name + "-deadline");
        this.watch.setDaemon(true);
        this.writer.start();
        this.watch.start();
    }

    /**
     * Queues a record; the future completes with where it was made durable, or exceptionally if neither the
     * database nor the fallback could keep it.
     */
    public CompletableFuture<Outcome> submit(T record) {
        Pending<T> p = new Pending<>(record);
        outstanding.add(p);
        p.done.whenComplete((ok, failure) -> outstanding.remove(p));
        String refusal = null;
        // Synchronised with stop(): once stopped, nothing enters the queue, so nothing queued is left unanswered.
        synchronized (this) {
            if (!running) {
                refusal = "the audit writer is stopped";
            } else if (!queue.offer(p)) {
                refusal = "the audit writer's queue is full";
            }
        }
        if (refusal != null) {
            divert(List.of(p), new IllegalStateException(refusal));
        }
        return p.done;
    }

    /** Records submitted whose future has not completed. */
    public int outstanding() {
        return outstanding.size();
    }

    private void run() {
        List<Pending<T>> batch = new ArrayList<>(maxBatch);
        try {
            while (true) {
                Pending<T> first;
                synchronized (this) {
                    if (!running && queue.isEmpty()) {
                        return;
                    }
                }
                first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                try {
                    write(batch);
                } catch (RuntimeException | Error unexpected) { // nothing may kill the only writer thread
                    LOG.errorf("Audit writer: unexpected %s", unexpected.getClass().getName());
                    divert(batch, unexpected);
                } finally {
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            // Interrupting the writer stops it, the same way close() does; nothing it held is left waiting.
            stop();
            divert(new ArrayList<>(batch), e);
            drainAndDivert("the audit writer was interrupted");
        }
    }

    private void write(List<Pending<T>> batch) {
        List<Pending<T>> open = open(batch);
        if (open.isEmpty()) {
            return;
        }
        if (fallback.engaged() && tryDivert(open, null) == null) {
            return;
        }
        // Not engaged, or the fallback is full: the database may well take the batch (it is back, its backlog
        // not yet replayed), and a record written out of journal order beats a refused call.
        inFlightSince = System.nanoTime();
        inFlight = open;
        try {
            attempt(open, false);
        } finally {
            inFlight = null;
        }
    }

    /** Writes the batch; on a data error splits it, until the record the database refuses fails alone. */
    private void attempt(List<Pending<T>> batch, boolean retry) {
        List<Pending<T>> open = open(batch);
        if (open.isEmpty()) {
            return;
        }
        try {
            store.write(open.stream().map(p -> p.record).toList(), retry);
            open.forEach(p -> p.done.complete(Outcome.COMMITTED));
        } catch (Throwable failure) {
            if (classify.apply(failure) == FailureKind.UNAVAILABLE) {
                divert(open, failure);
            } else if (open.size() == 1) {
                LOG.errorf("Audit record refused by the database (%s); its caller gets no answer",
                        failure.getClass().getName());
                open.get(0).done.completeExceptionally(failure);
            } else {
                int half = open.size() / 2;
                attempt(open.subList(0, half), true);
                List<Pending<T>> rest = open.subList(half, open.size());
                if (fallback.engaged()) {
                    divert(rest, failure); // the database went away while the first half was retried
                } else {
                    attempt(rest, true);
                }
            }
        }
    }

    /** Hands the records not yet completed to the fallback; if it refuses them, their callers get the refusal. */
    private void divert(List<Pending<T>> records, Throwable why) {
        List<Pending<T>> open = open(records);
        Throwable refused = tryDivert(open, why);
        if (refused != null) {
            open.forEach(p -> p.done.completeExceptionally(refused));
        }
    }

    /** Diverts the records not yet completed and completes them; returns the fallback's refusal, if it refused. */
    private Throwable tryDivert(List<Pending<T>> records, Throwable why) {
        List<Pending<T>> open = open(records);
        if (open.isEmpty()) {
            return null;
        }
        try {
            fallback.divert(open.stream().map(p -> p.record).toList(), why);
            open.forEach(p -> p.done.complete(Outcome.DIVERTED));
            return null;
        } catch (Throwable refused) {
            return refused;
        }
    }

    private static <T> List<Pending<T>> open(List<Pending<T>> records) {
        List<Pending<T>> open = new ArrayList<>(records.size());
        for (Pending<T> p : records) {
            if (!p.done.isDone()) {
                open.add(p);
            }
        }
        return open;
    }

    /**
     * Every few milliseconds: a record waiting past its deadline, queued or in the batch being written, goes to the
     * fallback, and so does everything queued behind it (it would wait on the same database).
     */
    private void watchDeadlines() {
        long tick = Math.max(5, Math.min(100, TimeUnit.NANOSECONDS.toMillis(deadlineNanos) / 4));
        while (watching) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            try {
                checkDeadlines();
            } catch (RuntimeException | Error e) {
                LOG.errorf("Audit writer deadline watch: unexpected %s", e.getClass().getName());
            }
        }
    }

    private void checkDeadlines() {
        long now = System.nanoTime();
        List<Pending<T>> overdue = new ArrayList<>();
        List<Pending<T>> flight = inFlight;
        if (flight != null && now - inFlightSince > deadlineNanos) {
            overdue.addAll(open(flight));
        }
        boolean divertAll = !overdue.isEmpty();
        Pending<T> head;
        while ((head = queue.peek()) != null && (divertAll || now - head.since > deadlineNanos)) {
            Pending<T> taken = queue.poll();
            if (taken != null) {
                overdue.add(taken);
                divertAll = true; // the ones behind it would wait on the same slow database
            }
        }
        if (!overdue.isEmpty()) {
            divert(overdue, new TimeoutException("audit record not committed within "
                    + Duration.ofNanos(deadlineNanos).toMillis() + " ms"));
        }
    }

    /** Stops taking records into the queue; under the monitor {@link #submit} checks. */
    private synchronized void stop() {
        running = false;
    }

    private void drainAndDivert(String why) {
        List<Pending<T>> left = new ArrayList<>();
        queue.drainTo(left);
        List<Pending<T>> flight = inFlight;
        if (flight != null) {
            left.addAll(flight);
        }
        left.addAll(outstanding);
        divert(left, new IllegalStateException(why));
    }

    /**
     * Stops taking records, writes what is queued (to the database, or the fallback past the close wait), and
     * completes every outstanding future: each record is committed, diverted, or its caller told it failed.
     */
    @Override
    public void close() {
        stop();
        try {
            writer.join(closeWait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            // Stuck on the database: what it holds and what is queued goes to the fallback now.
            drainAndDivert("the audit writer was closed while the database was not answering");
            writer.interrupt();
        }
        watching = false;
        watch.interrupt();
        drainAndDivert("the audit writer was closed");
        // The fallback refused or is gone: a caller still waiting is told so rather than left waiting.
        for (Pending<T> p : List.copyOf(outstanding)) {
            p.done.completeExceptionally(new IllegalStateException("the audit writer stopped"));
        }
    }
}
