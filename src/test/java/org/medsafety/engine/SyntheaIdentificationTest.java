package org.medsafety.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medsafety.snapshot.FhirResources;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.SnapshotBuilder;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.ShippedRuleset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ordinary drugs real Synthea patients take, which the service used to report as "could not be identified"
 * (issue 9): ordered, or already taken, by each of the five Synthea patients, none gets a not-screened card now. The
 * codes are the ones Synthea writes (RxNorm clinical drugs); "Lasix 40mg" is free text without a code.
 */
class SyntheaIdentificationTest {

    /** code (or null), text: the drugs named in issue 9. */
    private static final String[][] DRUGS = {
            {"895994", "120 ACTUAT Fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler"},
            {"745679", "200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler"},
            {"477045", "chlorpheniramine maleate 2 MG/ML Oral Solution"},
            {"1049630", "diphenhydramine hydrochloride 25 MG Oral Tablet"},
            {null, "Lasix 40mg"},
            {"665078", "Loratadine 5 MG Chewable Tablet"},
            {"1870230", "NDA020800 0.3 ML Epinephrine 1 MG/ML Auto-Injector"},
    };

    private static Ruleset ruleset;

    @BeforeAll
    static void compile() {
        ruleset = ShippedRuleset.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.ABSHIRE, Fixtures.FERRY, Fixtures.BOTELLO, Fixtures.KUHLMAN, Fixtures.HALVORSON})
    void orderedByCodeOrByNameNoneIsReportedUnidentified(String patient) {
        for (boolean withCode : new boolean[] {true, false}) {
            List<JsonNode> orders = new ArrayList<>();
            for (int i = 0; i < DRUGS.length; i++) {
                orders.add(Fixtures.draftOrder("d-" + i, withCode ? DRUGS[i][0] : null, DRUGS[i][1], 1.0, "1", 1,
                        1.0, "d"));
            }
            Evaluation evaluation = evaluate(patient, List.of(), orders);

            assertThat(evaluation.findings()).as("%s, %s", patient, withCode ? "coded" : "by name only")
                    .noneSatisfy(f -> assertThat(f.check()).isEqualTo("unscreened"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.ABSHIRE, Fixtures.FERRY, Fixtures.BOTELLO, Fixtures.KUHLMAN, Fixtures.HALVORSON})
    void takenAlreadyNoneIsReportedUnidentified(String patient) {
        List<JsonNode> actives = new ArrayList<>();
        for (int i = 0; i < DRUGS.length; i++) {
            actives.add(Fixtures.draftOrder("a-" + i, DRUGS[i][0], DRUGS[i][1], null, null, null, null, null)
                    .put("status", "active"));
        }
        Evaluation evaluation = evaluate(patient, actives, List.of(Fixtures.draftOrder("o-1", "309362",
                "Clopidogrel 75 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d")));

        assertThat(evaluation.findings()).noneSatisfy(f -> assertThat(f.check()).isEqualTo("unscreened"));
        // Identified, but no knowledge row names them: the evaluation says which were screened against nothing.
        // Albuterol and furosemide are named by interaction rows (the digoxin table, lithium with loop diuretics);
        // fluticasone, diphenhydramine and epinephrine by rows mined from label text (label-interactions.csv).
        assertThat(evaluation.withoutKnowledge()).extracting(DrugWithoutKnowledge::name).contains("chlorpheniramine",
                "loratadine").doesNotContain("clopidogrel", "warfarin", "simvastatin", "albuterol", "furosemide",
                "fluticasone", "diphenhydramine", "epinephrine");
    }

    private static Evaluation evaluate(String synthea, List<JsonNode> actives, List<JsonNode> orders) {
        JsonNode bundle = Fixtures.synthea(synthea);
        FhirResources data = new FhirResources();
        data.add(bundle);
        ObjectNode extra = Fixtures.bundleOf(actives.toArray(new JsonNode[0]));
        data.add(extra);
        PatientSnapshot snapshot = new SnapshotBuilder().build(Fixtures.patientId(bundle), data,
                Fixtures.bundleOf(orders.toArray(new JsonNode[0])), null, Instant.parse("2026-11-25T10:00:00Z"));
        return Evaluator.evaluate(ruleset, snapshot);
    }
}
