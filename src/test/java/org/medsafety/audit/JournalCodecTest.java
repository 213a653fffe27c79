package org.medsafety.audit;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A journaled record comes back exactly as it was acknowledged, so the hash computed on replay is the one that would
 * have been computed at once; and no stored column is left out of the journal's plain record types.
 */
class JournalCodecTest {

    private final JournalCodec codec = new JournalCodec();

    @Test
    void anEvaluationComesBackEqualToTheDigit() {
        EvaluationEntry e = new EvaluationEntry("0b7f5a52-7d8e-4c1e-9a51-3f1c2d4e5f60", "hook-1",
                "medication-safety-sign", "order-sign", Instant.parse("2026-03-01T10:15:30.123456Z"), "patient-1",
                "Practitioner/1", null, "https://ehr.example", "t1", "[{\"rxcui\":\"1\"}]", "v1", 1234, 1,
                "{\"age\":70,\"name\":\"Ä ✓\"}", "[{\"summary\":\"x\"}]", List.of(new EvaluationEntry.Card(
                "c7b1c1de-0000-4000-8000-000000000001", "DDI-TABLE", "interaction", "DDI-1", "warning", "major",
                "o1", "warfarin,naproxen", ",11289,", "Major interaction")));

        AuditEntry back = codec.decode(codec.encode(e));

        assertThat(back).isEqualTo(e);
        EvaluationRecord original = e.toRow();
        EvaluationRecord replayed = ((EvaluationEntry) back).toRow();
        List<CardRecord> originalCards = e.cards().stream().map(EvaluationEntry.Card::toRow).toList();
        List<CardRecord> replayedCards = ((EvaluationEntry) back).cards().stream().map(EvaluationEntry.Card::toRow)
                .toList();
        // The hash a replay computes covers the same evaluation and card rows as one computed before the outage.
        assertThat(AuditChain.hash(AuditChain.GENESIS, replayed, replayedCards))
                .isEqualTo(AuditChain.hash(AuditChain.GENESIS, original, originalCards));
    }

    @Test
    void feedbackComesBackEqual() {
        FeedbackEntry f = new FeedbackEntry("c7b1c1de-0000-4000-8000-000000000001", "medication-safety-sign",
                "overridden", Instant.parse("2026-03-01T10:16:00.52Z"), "sys", "code", "display", "comment", "s1",
                null, null, Instant.parse("2026-03-01T10:16:01Z"));
        assertThat(codec.decode(codec.encode(f))).isEqualTo(f);
    }

    @Test
    void bytesThatAreNotAnAuditEntryAreRefusedNotGuessed() {
        assertThatThrownBy(() -> codec.decode("{\"kind\":\"something-else\"}".getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decode("not json".getBytes())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyStoredColumnHasItsPlaceInTheJournalsRecords() {
        assertThat(components(EvaluationEntry.class)).containsAll(columns(EvaluationRecord.class,
                Set.of("id", "prevHash", "recordHash", "hashFormat")));
        assertThat(components(EvaluationEntry.Card.class)).containsAll(columns(CardRecord.class,
                Set.of("id", "evaluationId")));
        assertThat(components(FeedbackEntry.class)).containsAll(columns(FeedbackRecord.class,
                Set.of("id", "prevHash", "recordHash")));
    }

    private static Set<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }

    /** Public instance fields of an entity, but those the writer sets itself. */
    private static Set<String> columns(Class<?> entity, Set<String> setByWriter) {
        return Arrays.stream(entity.getDeclaredFields())
                .filter(f -> Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).filter(n -> !setByWriter.contains(n)).collect(Collectors.toSet());
    }
}
