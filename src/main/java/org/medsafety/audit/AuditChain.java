package org.medsafety.audit;

import java.util.List;

/**
 * The hashes of the audit chains: each record's hash is SHA-256 of the previous record's hash and the record's own
 * content, so editing or removing any record breaks every hash after it.
 *
 * <p>Evaluation records carry the format they were hashed in ({@code hash_format}): null for records written before
 * issue 10 (format 1: the evaluation row alone, later nullable fields only when set, so older rows still verify), 2
 * since (format 1's fields, every field always, and every card row search, statistics and export read). Feedback,
 * admin actions and audit reads were first chained in format 2 and name it inside their hash.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    /** The format new evaluation records are hashed in. */
    public static final int EVALUATION_FORMAT = 2;

    private AuditChain() {
    }

    /**
     * The hash of {@code e} following {@code previous}, in the format it names; {@code cards} are its card rows in
     * the order they were written (ignored by format 1, which predates chaining them).
     */
    public static String hash(String previous, EvaluationRecord e, List<CardRecord> cards) {
        if (e.hashFormat == null) {
            return formatOne(previous, e);
        }
        if (e.hashFormat != 2) {
            throw new IllegalArgumentException("unknown evaluation hash format " + e.hashFormat);
        }
        ChainDigest d = new ChainDigest().field("medsafety-evaluation/2").field(previous)
                .field(e.hookInstance).field(e.serviceId).field(e.hook).field(e.evaluatedAt)
                .field(e.patientId).field(e.userId).field(e.encounterId).field(e.clientIss).field(e.clientTenant)
                .field(e.rulesetVersion).field(e.durationMicros).field(e.cardCount)
                .field(e.snapshotJson).field(e.cardsJson).field(e.drugsWithoutKnowledge)
                .field(cards.size());
        for (CardRecord c : cards) {
            d.field(c.cardUuid).field(c.ruleId).field(c.checkKind).field(c.knowledgeId).field(c.indicator)
                    .field(c.severity).field(c.draftOrder).field(c.drugs).field(c.rxcuis).field(c.summary);
        }
        return d.hex();
    }

    /** Format 1: every stored field but the id and the hashes; fields added later only when not null. */
    private static String formatOne(String previous, EvaluationRecord e) {
        ChainDigest d = new ChainDigest().field(previous).field(e.hookInstance).field(e.serviceId).field(e.hook)
                .field(e.evaluatedAt).field(e.patientId).field(e.userId).field(e.encounterId)
                .field(e.rulesetVersion).field(e.durationMicros).field(e.cardCount)
                .field(e.snapshotJson).field(e.cardsJson);
        // Added with client authentication: absent on earlier records, whose hashes must still verify.
        if (e.clientIss != null || e.clientTenant != null) {
            d.field(e.clientIss).field(e.clientTenant);
        }
        // Added with the RxNorm vocabulary, in the same way; the label keeps it apart from the client fields.
        if (e.drugsWithoutKnowledge != null) {
            d.field("drugsWithoutKnowledge").field(e.drugsWithoutKnowledge);
        }
        return d.hex();
    }

    public static String hash(String previous, FeedbackRecord f) {
        return new ChainDigest().field("medsafety-feedback/2").field(previous).field(f.cardUuid).field(f.serviceId)
                .field(f.outcome).field(f.outcomeTimestamp).field(f.overrideSystem).field(f.overrideCode)
                .field(f.overrideDisplay).field(f.userComment).field(f.acceptedSuggestions).field(f.clientIss)
                .field(f.clientTenant).field(f.receivedAt).hex();
    }

    public static String hash(String previous, AuditRead r) {
        return new ChainDigest().field("medsafety-audit-read/2").field(previous).field(r.readAt).field(r.reader)
                .field(r.what).field(r.patientId).field(r.filters).field(r.resultCount).hex();
    }

    /** Admin actions live in the admin package; their fields are passed as they are stored. */
    public static String adminActionHash(String previous, java.time.Instant actedAt, String actor, String action,
                                         String target, String outcome, String detail) {
        return new ChainDigest().field("medsafety-admin-action/2").field(previous).field(actedAt).field(actor)
                .field(action).field(target).field(outcome).field(detail).hex();
    }
}
