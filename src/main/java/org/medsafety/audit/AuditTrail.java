package org.medsafety.audit;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import java.time.Instant;
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
            ChainHead head = ChainHead.findById(1, LockModeType.PESSIMISTIC_WRITE);
            for (PendingEvaluation p : batch) {
                p.evaluation().prevHash = head.lastHash;
                p.evaluation().recordHash = AuditChain.hash(head.lastHash, p.evaluation());
                p.evaluation().persist();
                head.lastId = p.evaluation().id;
                head.lastHash = p.evaluation().recordHash;
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
        return QuarkusTransaction.requiringNew().call(() -> entries.stream().map(f -> {
            if (FeedbackRecord.exists(f.cardUuid, f.outcome, f.outcomeTimestamp)) {
                return FeedbackOutcome.DUPLICATE;
            }
            f.receivedAt = Instant.now();
            f.persist();
            return FeedbackOutcome.STORED;
        }).toList());
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.close();
        Log.info("Audit writer stopped");
    }
}
