package org.medsafety.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One evaluation and its cards, as plain values (see {@link AuditEntry}). {@code recordUuid} is this record's own
 * identity: the database refuses a second row with it, so a record written twice (a replay after a crash, a retry
 * after a commit whose outcome was unknown) is stored once.
 */
public record EvaluationEntry(String recordUuid, String hookInstance, String serviceId, String hook,
                              Instant evaluatedAt, String patientId, String userId, String encounterId,
                              String clientIss, String clientTenant, String drugsWithoutKnowledge,
                              String rulesetVersion, long durationMicros, int cardCount, String snapshotJson,
                              String cardsJson, List<Card> cards) implements AuditEntry {

    /** One card returned, as indexed in {@code evaluation_card}. */
    public record Card(String cardUuid, String ruleId, String checkKind, String knowledgeId, String indicator,
                       String severity, String draftOrder, String drugs, String rxcuis, String summary) {

        static Card of(CardRecord c) {
            return new Card(c.cardUuid, c.ruleId, c.checkKind, c.knowledgeId, c.indicator, c.severity,
                    c.draftOrder, c.drugs, c.rxcuis, c.summary);
        }

        /** A new, unsaved row for this card. */
        CardRecord toRow() {
            CardRecord c = new CardRecord();
            c.cardUuid = cardUuid;
            c.ruleId = ruleId;
            c.checkKind = checkKind;
            c.knowledgeId = knowledgeId;
            c.indicator = indicator;
            c.severity = severity;
            c.draftOrder = draftOrder;
            c.drugs = drugs;
            c.rxcuis = rxcuis;
            c.summary = summary;
            return c;
        }
    }

    public EvaluationEntry {
        cards = List.copyOf(cards);
    }

    /** The values of an evaluation about to be recorded, under a new record UUID. */
    public static EvaluationEntry of(EvaluationRecord e, List<CardRecord> cards) {
        return new EvaluationEntry(UUID.randomUUID().toString(), e.hookInstance, e.serviceId, e.hook, e.evaluatedAt,
                e.patientId, e.userId, e.encounterId, e.clientIss, e.clientTenant, e.drugsWithoutKnowledge,
                e.rulesetVersion, e.durationMicros, e.cardCount, e.snapshotJson, e.cardsJson,
                cards.stream().map(Card::of).toList());
    }

    /** A new, unsaved row for this evaluation (no id, no hashes: the writer chains it). */
    EvaluationRecord toRow() {
        EvaluationRecord e = new EvaluationRecord();
        e.recordUuid = recordUuid;
        e.hookInstance = hookInstance;
        e.serviceId = serviceId;
        e.hook = hook;
        e.evaluatedAt = evaluatedAt;
        e.patientId = patientId;
        e.userId = userId;
        e.encounterId = encounterId;
        e.clientIss = clientIss;
        e.clientTenant = clientTenant;
        e.drugsWithoutKnowledge = drugsWithoutKnowledge;
        e.rulesetVersion = rulesetVersion;
        e.durationMicros = durationMicros;
        e.cardCount = cardCount;
        e.snapshotJson = snapshotJson;
        e.cardsJson = cardsJson;
        return e;
    }
}
