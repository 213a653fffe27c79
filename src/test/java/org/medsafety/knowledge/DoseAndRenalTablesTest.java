package org.medsafety.knowledge;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** renal-limits.csv by either measure, and dose-reduction-criteria.csv: read from the shipped files, refused when wrong. */
class DoseAndRenalTablesTest {

    private static final Source SOURCE = new Source("test", null);

    @Test
    void theShippedRowsAreRead() {
        KnowledgeBase kb = KnowledgeLoader.load(KnowledgeLoaderTest.shipped()).knowledge();

        assertThat(kb.doseReductions(1364430)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("DOSE-REDUCTION-APIXABAN-NVAF");
            assertThat(r.needed()).isEqualTo(2);
            assertThat(r.maxSingleMg()).isEqualTo(2.5);
            assertThat(r.criteria()).extracting(DoseReduction.Criterion::describe)
                    .containsExactly("age ≥ 80 years", "weight ≤ 60 kg", "serum creatinine ≥ 1.5 mg/dL");
        });
        assertThat(kb.renalLimits(6809)).extracting(RenalLimit::id)
                .containsExactlyInAnyOrder("RENAL-METFORMIN-1", "RENAL-METFORMIN-2");
        assertThat(kb.doseLimits(6851)).singleElement().satisfies(l -> assertThat(l.weeklyOnly()).isTrue());
    }

    @Test
    void aRowStatedInBothMeasuresAppliesWhenEitherIsInTheBandAndIsUnknownOnlyWithoutBoth() {
        RenalLimit mirabegron = new RenalLimit("R", 1, "oral", "crcl-or-egfr", 30, 15.0, "max-daily", 25.0,
                Severity.MAJOR, null, SOURCE);

        assertThat(mirabegron.applies(null, 25.0, "oral")).as("eGFR alone").isTrue();
        assertThat(mirabegron.applies(25.0, null, "oral")).as("CrCl alone").isTrue();
        assertThat(mirabegron.applies(40.0, 25.0, "oral")).as("either in the band").isTrue();
        assertThat(mirabegron.applies(40.0, 30.0, "oral")).isFalse();
        assertThat(mirabegron.measureUnknown(null, 25.0)).isFalse();
        assertThat(mirabegron.measureUnknown(null, null)).isTrue();
        assertThat(mirabegron.valueFor(40.0, 25.0)).as("the value in the band decides").isEqualTo(25.0);
        assertThat(mirabegron.measureLabelFor(40.0, 25.0)).isEqualTo("eGFR");
        assertThat(mirabegron.measureLabelFor(20.0, 25.0)).isEqualTo("CrCl");
        assertThat(mirabegron.measureUnitFor(null, 25.0)).isEqualTo("mL/min/1.73 m²");

        RenalLimit crclOnly = new RenalLimit("R", 1, "oral", "crcl", 30, null, "max-daily", 200.0, Severity.MAJOR,
                null, SOURCE);
        assertThat(crclOnly.applies(null, 10.0, "oral")).as("the eGFR stands in when CrCl is unknown").isTrue();
        assertThat(crclOnly.applies(40.0, 10.0, "oral")).as("a known CrCl decides, whatever the eGFR").isFalse();
        assertThat(crclOnly.measureUnknown(null, 10.0)).isFalse();
        assertThat(crclOnly.measureUnknown(null, null)).isTrue();
        assertThat(crclOnly.egfrStandsIn(null, 10.0)).isTrue();
        assertThat(crclOnly.egfrStandsIn(25.0, 10.0)).isFalse();
        assertThat(crclOnly.valueFor(null, 10.0)).isEqualTo(10.0);
        assertThat(crclOnly.measureLabelFor(null, 10.0)).isEqualTo("eGFR (in place of CrCl)");
        assertThat(crclOnly.measureUnitFor(null, 10.0)).isEqualTo("mL/min/1.73 m²");
    }

    @Test
    void criteriaCountInCompletedYearsAndSayWhatIsUnknown() {
        DoseReduction apixaban = KnowledgeLoader.load(KnowledgeLoaderTest.shipped()).knowledge()
                .doseReductions(1364430).get(0);

        DoseReduction.Assessment twoOfThree = apixaban.assess(82.4, 55.0, null);
        assertThat(twoOfThree.reduced()).isTrue();
        assertThat(twoOfThree.met()).containsExactly("age ≥ 80 years (82 years)", "weight ≤ 60 kg (55 kg)");

        assertThat(apixaban.assess(79.99, 55.0, 1.49).reduced()).as("79 completed years, creatinine below 1.5")
                .isFalse();
        assertThat(apixaban.assess(79.99, 55.0, 1.49).undecided()).isFalse();

        DoseReduction.Assessment oneAndUnknowns = apixaban.assess(82.0, null, null);
        assertThat(oneAndUnknowns.reduced()).isFalse();
        assertThat(oneAndUnknowns.undecided()).isTrue();
        assertThat(oneAndUnknowns.unknown()).containsExactly("weight ≤ 60 kg", "serum creatinine ≥ 1.5 mg/dL");
    }

    @Test
    void aMalformedCriterionOrCountIsRefusedWithItsLine() {
        String header = String.join(",", DoseReductionTable.COLUMNS) + "\n";
        String bad = header
                + "X-1,1364430,apixaban,oral,age_years >= 80; height_cm <= 150,1,2.5,major,n,src,\n"
                + "X-2,1364430,apixaban,oral,age_years >= 80,2,2.5,major,n,src,\n"
                + "X-3,1364430,apixaban,oral,age_years >= 80,1,,major,n,src,\n";
        Map<String, byte[]> files = KnowledgeLoaderTest.shipped();
        files.put(DoseReductionTable.FILE, bad.getBytes(StandardCharsets.UTF_8));

        List<KnowledgeProblem> problems = KnowledgeLoader.load(files).problems();

        assertThat(problems).extracting(KnowledgeProblem::line).containsExactly(2, 3, 4);
        assertThat(problems.get(0).message()).contains("height_cm <= 150");
        assertThat(problems.get(1).message()).contains("criteria_needed");
        assertThat(problems.get(2).message()).contains("max_single_mg");
    }

    @Test
    void anUnknownRenalMeasureIsRefused() {
        Map<String, byte[]> files = KnowledgeLoaderTest.shipped();
        String text = new String(files.get(KnowledgeLoader.RENAL_LIMITS), StandardCharsets.UTF_8)
                .replace("mirabegron,oral,crcl-or-egfr,30", "mirabegron,oral,gfr,30");
        files.put(KnowledgeLoader.RENAL_LIMITS, text.getBytes(StandardCharsets.UTF_8));

        assertThat(KnowledgeLoader.load(files).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("measure 'gfr' is not crcl, egfr or crcl-or-egfr"));
    }
}
