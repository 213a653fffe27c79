package org.medsafety.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Group commit: records submitted concurrently are written together, in one transaction, by one thread. Each caller
 * gets a future that completes only once its record is durable, so a response can wait for its audit record without
 * paying one commit per request. If a batch fails, its records are retried one by one so that a single bad record
 * cannot take the others down with it.
 *
 * @param <T> the record type
 */
public final class GroupCommitWriter<T> implements AutoCloseable {

    private record Pending<T>(T record, CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Pending<T>> queue;
    private final Consumer<List<T>> sink;
    private final int maxBatch;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param sink     writes a batch in one transaction and commits, or throws
     * @param capacity records that may wait; beyond it, submit fails fast instead of queueing without bound
     * @param maxBatch records per transaction
     */
    public GroupCommitWriter(String name, Consumer<List<T>> sink, int capacity, int maxBatch) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sink = sink;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a record; the future completes when it is committed, or exceptionally when it could not be. */
    public CompletableFuture<Void> submit(T record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // Synchronised with close(): once stopped, nothing enters the queue, so nothing queued is left unanswered.
        synchronized (this) {
            if (!running) {
                done.completeExceptionally(new IllegalStateException("audit writer is stopped"));
            } else if (!queue.offer(new Pending<>(record, done))) {
                done.completeExceptionally(new IllegalStateException("audit writer is saturated"));
            }
        }
        return done;
    }

    private void run() {
        List<Pending<T>> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending<T> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
        Pending<T> left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("audit writer stopped"));
        }
    }

    private void write(List<Pending<T>> batch) {
        try {
            sink.accept(batch.stream().map(Pending::record).toList());
            batch.forEach(p -> p.done().complete(null));
        } catch (Throwable batchFailure) { // even an Error must not kill the only writer thread
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(batchFailure);
                return;
            }
            for (Pending<T> p : batch) {
                try {
                    sink.accept(List.of(p.record()));
                    p.done().complete(null);
                } catch (Throwable single) {
                    p.done().completeExceptionally(single);
                }
            }
        }
    }

    /** Stops taking records, writes what is queued, and waits for the writer thread. */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
