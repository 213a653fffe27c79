package org.medsafety.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hash formats: records written before issue 10 verify as they were written; format 2 covers the card rows. */
class AuditChainTest {

    static EvaluationRecord record() {
        EvaluationRecord e = new EvaluationRecord();
        e.hookInstance = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";
        e.serviceId = "medication-safety-sign";
        e.hook = "order-sign";
        e.evaluatedAt = Instant.parse("2026-03-01T10:15:30.123456Z");
        e.patientId = "example-patient";
        e.userId = "Practitioner/123";
        e.rulesetVersion = "6b3534c37531";
        e.durationMicros = 1234;
        e.cardCount = 1;
        e.snapshotJson = "{\"age\":70}";
        e.cardsJson = "[{\"summary\":\"x\"}]";
        return e;
    }

    static CardRecord card() {
        CardRecord c = new CardRecord();
        c.cardUuid = "6f0e3a0c-1111-4c9e-9e3e-0d3c2f1a0b9c";
        c.ruleId = "DDI-TABLE";
        c.checkKind = "interaction";
        c.knowledgeId = "DDI-WARFARIN-NSAID";
        c.indicator = "warning";
        c.severity = "major";
        c.drugs = "naproxen,warfarin";
        c.rxcuis = ",7258,11289,";
        c.summary = "Major interaction";
        return c;
    }

    @Test
    void recordsFromBeforeIssueTenVerifyExactlyAsTheOldCodeHashedThem() {
        // Computed with AuditChain.hash as it was on main before issue 10, for the same three records.
        EvaluationRecord e = record();
        assertThat(AuditChain.hash(AuditChain.GENESIS, e, List.of()))
                .isEqualTo("10b2c3d60ef6f1b984b18d070576ccc11ef9e3911fe1bce7b2283f5b5fdb8c0a");
        e.clientIss = "https://ehr.example";
        assertThat(AuditChain.hash(AuditChain.GENESIS, e, List.of()))
                .isEqualTo("362d63074fc232da592116d15c787e8022cac2ccd26a6882335e279e5e4026c0");
        e.drugsWithoutKnowledge = "[]";
        assertThat(AuditChain.hash(AuditChain.GENESIS, e, List.of()))
                .isEqualTo("d41bf70b8fca158ce901bc4bbd203ab57f558afaf1b6ffe292486cccd21acb91");
        // Format 1 never covered card rows.
        assertThat(AuditChain.hash(AuditChain.GENESIS, e, List.of(card())))
                .isEqualTo("d41bf70b8fca158ce901bc4bbd203ab57f558afaf1b6ffe292486cccd21acb91");
    }

    @Test
    void formatTwoCoversEveryCardRowFieldAuditorsRead() {
        EvaluationRecord e = record();
        e.hashFormat = 2;
        String original = AuditChain.hash(AuditChain.GENESIS, e, List.of(card()));
        assertThat(original).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, e, List.of()));
        List<java.util.function.Consumer<CardRecord>> edits = List.of(c -> c.indicator = "info",
                c -> c.ruleId = "DOSE-MAX-DAILY", c -> c.drugs = "ibuprofen", c -> c.knowledgeId = null,
                c -> c.rxcuis = ",1,", c -> c.summary = "Nothing", c -> c.severity = "minor", c -> c.checkKind = "dose",
                c -> c.draftOrder = "MedicationRequest/1", c -> c.cardUuid = "other");
        for (var edit : edits) {
            CardRecord c = card();
            edit.accept(c);
            assertThat(AuditChain.hash(AuditChain.GENESIS, e, List.of(c))).isNotEqualTo(original);
        }
        // And the order of the card rows.
        CardRecord other = card();
        other.cardUuid = "second";
        assertThat(AuditChain.hash(AuditChain.GENESIS, e, List.of(card(), other)))
                .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, e, List.of(other, card())));
        // A field moved between two neighbours is a different record (length-prefixed fields).
        e.userId = "Practitioner/12";
        e.encounterId = "3";
        assertThat(AuditChain.hash(AuditChain.GENESIS, e, List.of(card()))).isNotEqualTo(original);
    }

    @Test
    void theOtherChainsNameTheirFormatAndCoverEveryField() {
        FeedbackRecord f = new FeedbackRecord();
        f.cardUuid = "c";
        f.serviceId = "s";
        f.outcome = "overridden";
        f.outcomeTimestamp = Instant.parse("2026-03-01T10:15:30Z");
        f.receivedAt = Instant.parse("2026-03-01T10:15:31Z");
        String before = AuditChain.hash(AuditChain.GENESIS, f);
        f.overrideCode = "risk-benefit-ratio";
        assertThat(AuditChain.hash(AuditChain.GENESIS, f)).isNotEqualTo(before);
        assertThat(AuditChain.hash("1".repeat(64), f)).isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, f));
        AuditRead r = new AuditRead();
        r.readAt = Instant.parse("2026-03-01T10:15:30Z");
        r.reader = "auditor";
        r.what = "search";
        String read = AuditChain.hash(AuditChain.GENESIS, r);
        r.patientId = "p";
        assertThat(AuditChain.hash(AuditChain.GENESIS, r)).isNotEqualTo(read);
        assertThat(AuditChain.adminActionHash(AuditChain.GENESIS, r.readAt, "a", "b", null, "done", null))
                .isNotEqualTo(AuditChain.adminActionHash(AuditChain.GENESIS, r.readAt, "a", "b", null, "done", ""));
    }
}
