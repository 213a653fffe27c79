package org.medsafety.audit;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.config.PlatformSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The one place audit records are written. Evaluations go through a group-commit writer: concurrent requests share
 * one transaction, and each request's future completes only when its own record is durable: committed, or, while
 * the database cannot take it, in the local journal ({@link AuditJournal}), from which it is replayed through the
 * same {@link #persist} path, so the hash chain goes on unbroken.
 */
@Startup
@ApplicationScoped
public class AuditTrail {

    @Inject
    AuditJournal journal;

    @Inject
    MedsafetyConfig config;

    @Inject
    EntityManager em;

    @Inject
    CommitDurability durability;

    @Inject
    PlatformSettings platform;

    @Inject
    AuditMetrics metrics;

    private GroupCommitWriter<EvaluationEntry> writer;

    @PostConstruct
    void start() {
        journal.open(config.audit().journalDir(), config.audit().journalMaxBytes().asLongValue());
        writer = new GroupCommitWriter<>("audit-writer", this::persist, journal, this::classify,
                new GroupCommitWriter.Settings(10_000, 256, config.audit().writeDeadline(), Duration.ofSeconds(10)));
        journal.start(entries -> persist(entries, true), this::classify);
    }

    /** Completes once the evaluation and its cards are durable: in the database, or in the local journal. */
    public CompletableFuture<GroupCommitWriter.Outcome> append(EvaluationRecord evaluation, List<CardRecord> cards) {
        long start = System.nanoTime();
        CompletableFuture<GroupCommitWriter.Outcome> durable = writer.submit(EvaluationEntry.of(evaluation, cards));
        durable.whenComplete((outcome, refused) -> metrics.written(start, refused == null ? outcome : null));
        return durable;
    }

    /**
     * Writes entries in one transaction, in order, extending the hash chain; with {@code mayExist}, evaluations the
     * database already holds (by record UUID) are skipped, so a retry or a replay writes each once.
     */
    void persist(List<? extends AuditEntry> entries, boolean mayExist) {
        QuarkusTransaction.requiringNew().run(() -> {
            boundWaits();
            // One chain across instances: the head row is locked until this batch commits.
            ChainHead head = ChainHead.lock(Chain.EVALUATION);
            Set<String> written = mayExist ? held(entries) : new HashSet<>();
            for (AuditEntry entry : entries) {
                if (entry instanceof EvaluationEntry e) {
                    if (!written.add(e.recordUuid())) {
                        continue; // already in the database, or twice in this run
                    }
                    EvaluationRecord row = e.toRow();
                    List<CardRecord> cards = new ArrayList<>(e.cards().size());
                    for (EvaluationEntry.Card card : e.cards()) {
                        cards.add(card.toRow());
                    }
                    // The hash covers the card rows too: they are what search, statistics and export read.
                    row.hashFormat = AuditChain.EVALUATION_FORMAT;
                    row.prevHash = head.lastHash;
                    row.recordHash = AuditChain.hash(head.lastHash, row, cards);
                    row.persist();
                    head.advance(row.id, row.recordHash);
                    for (CardRecord c : cards) {
                        c.evaluationId = row.id;
                        c.persist();
                    }
                } else if (entry instanceof FeedbackEntry f) {
                    storeJournaledFeedback(f);
                }
            }
        });
        synced();
        journal.databaseAnswered();
    }

    private void synced() {
        try {
            durability.afterCommit();
        } catch (IOException e) {
            throw new UncheckedIOException("the committed audit write could not be forced to disk", e);
        }
    }

    /** Record UUIDs of these entries that the database already holds. */
    private Set<String> held(List<? extends AuditEntry> entries) {
        List<String> ids = new ArrayList<>();
        for (AuditEntry entry : entries) {
            if (entry instanceof EvaluationEntry e) {
                ids.add(e.recordUuid());
            }
        }
        if (ids.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(em.createQuery("select e.recordUuid from EvaluationRecord e where e.recordUuid in :ids",
                String.class).setParameter("ids", ids).getResultList());
    }

    /**
     * On PostgreSQL, a write that waits on a lock (a purge holding the chain head) or a statement that hangs gives
     * up after about the write deadline, so the writer moves on to the journal instead of waiting.
     */
    private void boundWaits() {
        if (platform.postgresql()) {
            long ms = config.audit().writeDeadline().toMillis();
            em.createNativeQuery("SELECT set_config('lock_timeout', ?1, true), set_config('statement_timeout', ?2, "
                    + "true)").setParameter(1, ms + "ms").setParameter(2, Math.max(5_000, 2 * ms) + "ms")
                    .getSingleResult();
        }
    }

    /** Unavailable or data error: from the exception if it tells, else by asking the database a trivial question. */
    GroupCommitWriter.FailureKind classify(Throwable failure) {
        return AuditFailures.classify(failure, this::databaseAnswers);
    }

    private boolean databaseAnswers() {
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("SELECT 1").getSingleResult());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The feedback outcome for an overridden card; the only other one is "accepted" (cdshooks.FeedbackReader). */
    private static final String OVERRIDDEN = "overridden";

    /** Outcome of storing one feedback entry. */
    public enum FeedbackOutcome { STORED, DUPLICATE }

    /**
     * What became of a feedback call's entries; {@code accepted} and {@code overridden} count the entries taken now
     * (stored or journaled, not repeats) by their outcome.
     */
    public record FeedbackReceipt(long stored, long alreadyRecorded, long journaled, long accepted, long overridden) {
    }

    /** Feedback naming cards that no evaluation of this service (for this EHR) issued; nothing was stored. */
    public static final class UnknownCardsException extends RuntimeException {
        private final List<String> cards;

        UnknownCardsException(List<String> cards) {
            super("unknown cards", null, false, false);
            this.cards = List.copyOf(cards);
        }

        public List<String> cards() {
            return cards;
        }
    }

    /**
     * Takes a feedback call's entries: stored at once, or, while the database cannot take them (or records wait in
     * the journal ahead of them), journaled and stored on replay. Cards are checked when stored: while journaled,
     * feedback about a card no evaluation issued is accepted, then left out on replay.
     *
     * @param callerIss the verified EHR, or null in the quick start
     * @throws UnknownCardsException    if the database says a card was not issued by this service to this EHR
     * @throws Journal.RefusedException if the database cannot take the entries and the journal refuses them too
     */
    public FeedbackReceipt receiveFeedback(String serviceId, String callerIss, List<FeedbackRecord> entries)
            throws Journal.RefusedException {
        Instant now = Instant.now();
        Throwable why = null;
        if (!journal.engaged()) {
            try {
                List<String> unknown = new ArrayList<>();
                for (FeedbackRecord f : entries) {
                    if (!issuedTo(f.cardUuid, serviceId, callerIss)) {
                        unknown.add(f.cardUuid);
                    }
                }
                if (!unknown.isEmpty()) {
                    throw new UnknownCardsException(unknown);
                }
                entries.forEach(f -> f.receivedAt = now);
                List<FeedbackOutcome> outcomes = recordFeedback(entries);
                synced();
                long stored = 0;
                long overridden = 0;
                for (int i = 0; i < outcomes.size(); i++) {
                    if (outcomes.get(i) == FeedbackOutcome.STORED) {
                        stored++;
                        overridden += OVERRIDDEN.equals(entries.get(i).outcome) ? 1 : 0;
                    }
                }
                return new FeedbackReceipt(stored, outcomes.size() - stored, 0, stored - overridden, overridden);
            } catch (RuntimeException e) {
                if (e instanceof UnknownCardsException || classify(e) != GroupCommitWriter.FailureKind.UNAVAILABLE) {
                    throw e;
                }
                why = e;
            }
        }
        journal.journalFeedback(entries.stream().map(f -> FeedbackEntry.of(f, now)).toList(), why);
        long overridden = entries.stream().filter(f -> OVERRIDDEN.equals(f.outcome)).count();
        return new FeedbackReceipt(entries.size(), 0, entries.size(), entries.size() - overridden, overridden);
    }

    /** Feedback is taken only for a card this service issued, and only from the EHR it was issued to. */
    private static boolean issuedTo(String cardUuid, String serviceId, String callerIss) {
        CardRecord card = CardRecord.byUuid(cardUuid);
        if (card == null) {
            return false;
        }
        EvaluationRecord evaluation = EvaluationRecord.findById(card.evaluationId);
        return evaluation != null && evaluation.serviceId.equals(serviceId)
                && (callerIss == null || evaluation.clientIss == null || evaluation.clientIss.equals(callerIss));
    }

    /** Inside {@link #persist}: journaled feedback, checked now that the cards can be looked up. */
    private void storeJournaledFeedback(FeedbackEntry f) {
        if (!issuedTo(f.cardUuid(), f.serviceId(), f.clientIss())) {
            Log.warnf("Journaled feedback names a card no stored evaluation of service %s issued to that EHR; "
                    + "not stored", f.serviceId());
            return;
        }
        // Called inside the evaluation writer's transaction: the evaluation head, then the feedback head, the one
        // lock order every writer uses.
        chainFeedback(ChainHead.lock(Chain.FEEDBACK), f.toRow());
    }

    /** Stores one feedback row at the end of its chain, unless the same feedback is already stored. */
    private static FeedbackOutcome chainFeedback(ChainHead head, FeedbackRecord f) {
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
    }

    /** Stores feedback entries in one transaction; a repeat of an already stored entry is kept once. */
    public List<FeedbackOutcome> recordFeedback(List<FeedbackRecord> entries) {
        try {
            return storeFeedback(entries);
        } catch (RuntimeException concurrentDuplicate) {
            if (AuditFailures.unavailable(concurrentDuplicate)) {
                throw concurrentDuplicate;
            }
            // The same feedback posted twice at once: the unique index stopped the second; now it reads as a repeat.
            return storeFeedback(entries);
        }
    }

    private List<FeedbackOutcome> storeFeedback(List<FeedbackRecord> entries) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Feedback has its own chain; holding its head also makes the repeat check exact across instances.
            ChainHead head = ChainHead.lock(Chain.FEEDBACK);
            return entries.stream().map(f -> chainFeedback(head, f)).toList();
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        writer.close();
        journal.close();
        Log.info("Audit writer stopped");
    }
}
