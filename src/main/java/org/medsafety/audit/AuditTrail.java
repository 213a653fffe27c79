package org.medsafety.audit;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The one place audit records are written. Evaluations go through a group-commit writer: concurrent requests share
 * one transaction, and each request's future completes only when its own record is committed.
 */
@ApplicationScoped
public class AuditTrail {

    /** An evaluation and its cards, written together. */
    public record PendingEvaluation(EvaluationRecord evaluation, List<CardRecord> cards) {
    }

    private final GroupCommitWriter<PendingEvaluation> writer =
            new GroupCommitWriter<>("audit-writer", this::writeBatch, 10_000, 256);

    /** Completes once the evaluation and its cards are durable. */
    public CompletableFuture<Void> append(EvaluationRecord evaluation, List<CardRecord> cards) {
        return writer.submit(new PendingEvaluation(evaluation, cards));
    }

    private void writeBatch(List<PendingEvaluation> batch) {
        // Ids assigned inside a transaction that rolled back are stale: clear them so a retry inserts afresh.
        for (PendingEvaluation p : batch) {
            p.evaluation().id = null;
            p.cards().forEach(c -> c.id = null);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            // One chain across instances: the head row is locked until this batch commits.
            ChainHead head = ChainHead.lock(Chain.EVALUATION);
            for (PendingEvaluation p : batch) {
                // The hash covers the card rows too: they are what search, statistics and export read.
                p.evaluation().hashFormat = AuditChain.EVALUATION_FORMAT;
                p.evaluation().prevHash = head.lastHash;
                p.evaluation().recordHash = AuditChain.hash(head.lastHash, p.evaluation(), p.cards());
                p.evaluation().persist();
                head.advance(p.evaluation().id, p.evaluation().recordHash);
                for (CardRecord card : p.cards()) {
                    card.evaluationId = p.evaluation().id;
                    card.persist();
                }
            }
        });
    }

    /** Outcome of storing one feedback entry. */
    public enum FeedbackOutcome { STORED, DUPLICATE }

    /** Stores feedback entries in one transaction; a repeat of an already stored entry is kept once. */
    public List<FeedbackOutcome> recordFeedback(List<FeedbackRecord> entries) {
        try {
            return storeFeedback(entries);
        } catch (RuntimeException concurrentDuplicate) {
            // The same feedback posted twice at once: the unique index stopped the second; now it reads as a repeat.
            return storeFeedback(entries);
        }
    }

    private List<FeedbackOutcome> storeFeedback(List<FeedbackRecord> entries) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Feedback has its own chain; holding its head also makes the repeat check exact across instances.
            ChainHead head = ChainHead.lock(Chain.FEEDBACK);
            return entries.stream().map(f -> {
                // Microseconds, as both databases store them, so the hash recomputed from the row matches.
                f.outcomeTimestamp = f.outcomeTimestamp.truncatedTo(ChronoUnit.MICROS);
                if (FeedbackRecord.exists(f.cardUuid, f.outcome, f.outcomeTimestamp)) {
                    return FeedbackOutcome.DUPLICATE;
                }
                f.receivedAt = (f.receivedAt == null ? Instant.now() : f.receivedAt).truncatedTo(ChronoUnit.MICROS);
                f.prevHash = head.lastHash;
                f.recordHash = AuditChain.hash(head.lastHash, f);
                f.persist();
                head.advance(f.id, f.recordHash);
                return FeedbackOutcome.STORED;
            }).toList();
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.close();
        Log.info("Audit writer stopped");
    }
}
