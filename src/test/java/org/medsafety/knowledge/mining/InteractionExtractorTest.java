package org.medsafety.knowledge.mining;

import org.junit.jupiter.api.Test;
import org.medsafety.knowledge.Severity;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The miner's reading of real label statements (quoted from the shared label files) with a small lexicon: which
 * names are drugs, how statements are cut, and which mentions become rows.
 */
class InteractionExtractorTest {

    private static Lexicon.Entry drug(String rxcui, String name) {
        return new Lexicon.Entry(rxcui, name, Integer.valueOf(rxcui), "ingredients.csv");
    }

    private static final Lexicon.Entry WARFARIN = drug("11289", "warfarin");
    private static final Lexicon.Entry CAPECITABINE = drug("194000", "capecitabine");
    private static final Lexicon.Entry FLUOROURACIL = drug("4492", "fluorouracil");
    private static final Lexicon.Entry LEUCOVORIN = drug("6313", "leucovorin");
    private static final Lexicon.Entry ALLOPURINOL = drug("519", "allopurinol");
    private static final Lexicon.Entry SERTRALINE = drug("36437", "sertraline");
    private static final Lexicon.Entry CITALOPRAM = drug("2556", "citalopram");
    private static final Lexicon.Entry FLUOXETINE = drug("4493", "fluoxetine");
    private static final Lexicon.Entry SUMATRIPTAN = drug("37418", "sumatriptan");
    private static final Lexicon.Entry IMATINIB = drug("282388", "imatinib");
    private static final Lexicon.Entry HEPARIN = drug("5224", "heparin");
    private static final Lexicon.Entry ESTRADIOL = drug("4083", "estradiol");
    private static final Lexicon.Entry ETHINYL_ESTRADIOL = drug("4124", "ethinyl estradiol");
    private static final Lexicon.Entry VITAMIN_K = drug("11258", "vitamin K");
    private static final Lexicon.Entry ASPIRIN = drug("1191", "aspirin");
    private static final Lexicon.Entry SSRIS = new Lexicon.Entry("class:ssris", "Selective serotonin reuptake inhibitors",
            null, "class");
    private static final Lexicon.Entry NSAIDS = new Lexicon.Entry("class:nsaids", "NSAIDs", null, "class");

    private static Lexicon lexicon() {
        Lexicon lexicon = new Lexicon();
        for (Lexicon.Entry e : List.of(WARFARIN, CAPECITABINE, FLUOROURACIL, LEUCOVORIN, ALLOPURINOL, SERTRALINE,
                CITALOPRAM, FLUOXETINE, SUMATRIPTAN, IMATINIB, HEPARIN, ESTRADIOL, ETHINYL_ESTRADIOL, VITAMIN_K, ASPIRIN)) {
            lexicon.add(e.name(), e);
        }
        lexicon.add("SSRI", SSRIS);
        lexicon.add("SSRIs", SSRIS);
        lexicon.add("NSAIDs", NSAIDS);
        lexicon.add("vitamin K antagonists", WARFARIN);
        lexicon.add("HCV protease inhibitors", new Lexicon.Entry(Lexicon.BLOCK, "HCV protease inhibitors", null, "class"));
        return lexicon;
    }

    private static List<String> names(Lexicon lexicon, String text) {
        return lexicon.mentions(text).stream().map(m -> m.entry().name()).toList();
    }

    // ---------------------------------------------------------------- the lexicon

    @Test
    void theLongestNameWinsAndWordsAroundANameCanMakeItSomethingElse() {
        Lexicon lexicon = lexicon();

        assertThat(names(lexicon, "Oral contraceptives containing ethinyl estradiol")).containsExactly("ethinyl estradiol");
        assertThat(names(lexicon, "oral vitamin K antagonists, such as warfarin")).containsExactly("warfarin", "warfarin");
        assertThat(names(lexicon, "Vitamin K supplements")).containsExactly("vitamin K");
        assertThat(names(lexicon, "vitamin K antagonist-like effects; heparin inhibitors; estradiol receptor")).isEmpty();
        assertThat(names(lexicon, "non-aspirin NSAIDs")).containsExactly("NSAIDs");
        assertThat(names(lexicon, "non-NSAIDs")).isEmpty();
        assertThat(names(lexicon, "HCV protease inhibitors")).as("recognised, but no row").isEmpty();
    }

    @Test
    void aWholeSubstanceNameIsNeededToIdentifyTheLabelsDrug() {
        InteractionExtractor extractor = new InteractionExtractor(lexicon(), List.of(), Map.of());

        assertThat(extractor.identity(label(List.of("WARFARIN SODIUM"), Map.of())).objects()).containsExactly(WARFARIN);
        assertThat(extractor.identity(label(List.of("IMATINIB MESYLATE"), Map.of())).objects()).containsExactly(IMATINIB);
        assertThat(extractor.identity(label(List.of("ADO-TRASTUZUMAB EMTANSINE"), Map.of())).objects()).isEmpty();
        InteractionExtractor.Identity combination = extractor.identity(label(List.of("ESTRADIOL AND PROGESTERONE"), Map.of()));
        assertThat(combination.objects()).containsExactly(ESTRADIOL);
        assertThat(combination.combination()).as("progesterone is unknown here, but a component all the same").isTrue();
    }

    // ---------------------------------------------------------------- statements

    @Test
    void statementsAreSentencesBulletsAndFlattenedTableRows() {
        String text = "Inducers (e.g., rifampin, St. John's Wort) decrease exposure. • Warfarin: monitor INR "
                + "[see Warnings (5.1)]. digoxin ↑ digoxin Monitor digoxin. Serotonergic Drugs Clinical Impact: "
                + "Serotonin syndrome. Intervention: Monitor. Examples: citalopram, fluoxetine Antiplatelets "
                + "Clinical Impact: Bleeding. Intervention: Monitor.";

        List<LabelStatements.Statement> statements = LabelStatements.split("drug_interactions",
                LabelLanguage.Section.DRUG_INTERACTIONS, text, 0, text.length(), lexicon());

        assertThat(statements).extracting(LabelStatements.Statement::text).containsExactly(
                "Inducers (e.g., rifampin, St. John's Wort) decrease exposure.",
                "Warfarin: monitor INR [see Warnings (5.1)].",
                "digoxin ↑ digoxin Monitor digoxin.",
                "Serotonergic Drugs Clinical Impact: Serotonin syndrome. Intervention: Monitor. Examples: citalopram, "
                        + "fluoxetine",
                "Antiplatelets Clinical Impact: Bleeding. Intervention: Monitor.");
        assertThat(statements).allSatisfy(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text()));
    }

    @Test
    void aTablesExamplesListStaysWithItsRowWhenTheNextRowsTitleFollowsWithoutAPeriod() {
        // Olinvyk (NDA210730) table, shortened: "alcohol" is not a drug the lexicon knows, "Serotonergic Drugs" is
        // the next row's title; a leading cross-reference does not hide the "Examples" list.
        Lexicon lexicon = lexicon();
        lexicon.add("serotonergic drugs", SSRIS);
        String text = "Intervention: Monitor closely. Examples: warfarin, alcohol Serotonergic Drugs Clinical Impact: "
                + "Serotonin syndrome. [see Warnings (5.2)] Examples sertraline, fluoxetine Antiplatelets Clinical "
                + "Impact: Bleeding.";

        List<LabelStatements.Statement> statements = LabelStatements.split("drug_interactions",
                LabelLanguage.Section.DRUG_INTERACTIONS, text, 0, text.length(), lexicon);

        assertThat(statements).extracting(LabelStatements.Statement::text).containsExactly(
                "Intervention: Monitor closely.", "Examples: warfarin, alcohol",
                "Serotonergic Drugs Clinical Impact: Serotonin syndrome. [see Warnings (5.2)] Examples sertraline, "
                        + "fluoxetine",
                "Antiplatelets Clinical Impact: Bleeding.");
    }

    @Test
    void aTableRowEndsBeforeAHighlightsBullet() {
        // Ultram (NDA020281) drug_interactions, verbatim: the "Avoid" belongs to the next bullet, not to warfarin.
        String text = "Warfarin Clinical Impact: Postmarketing surveillance of tramadol has revealed rare reports of "
                + "alteration of warfarin effect, including elevation of prothrombin times. Intervention: Monitor the "
                + "prothrombin time of patients on warfarin for signs of an interaction and adjust the dosage of "
                + "warfarin as needed. Mixed Agonist/Antagonist and Partial Agonist Opioid Analgesics : Avoid use with "
                + "ULTRAM because they may reduce analgesic effect of ULTRAM or precipitate withdrawal symptoms ( 7 ).";

        List<LabelStatements.Statement> statements = LabelStatements.split("drug_interactions",
                LabelLanguage.Section.DRUG_INTERACTIONS, text, 0, text.length(), lexicon());
        assertThat(statements).hasSize(2);
        assertThat(LabelLanguage.severity(statements.get(0).text(), LabelLanguage.Section.DRUG_INTERACTIONS)
                .severity()).isEqualTo(Severity.MODERATE);
    }

    @Test
    void aDrugNamedForComparisonOrAsAMetaboliteIsNotAPrecipitant() {
        assertThat(InteractionExtractor.NOT_TAKEN_BEFORE.matcher("although this is not as well documented for PA as for ")
                .find()).isTrue();
        assertThat(InteractionExtractor.NOT_TAKEN_BEFORE.matcher("appear to be mediated by ").find()).isTrue();
        assertThat(InteractionExtractor.NOT_TAKEN_BEFORE.matcher("Use caution when coadministered with ").find())
                .isFalse();
    }

    // ---------------------------------------------------------------- rows

    @Test
    void aStatementNamingSeveralDrugsGivesOneRowEachAndThePairKeepsItsMostSevereStatement() {
        // Xeloda (NDA020896) drug_interactions, verbatim: the boxed-warning pair and the leucovorin statement.
        String di = "Leucovorin The concentration of fluorouracil is increased and its toxicity may be enhanced by "
                + "leucovorin, folic acid, or folate analog products. Avoid concomitant use of allopurinol with XELODA. "
                + "Allopurinol Concomitant use with allopurinol may decrease concentration of capecitabine's active "
                + "metabolites [see Clinical Pharmacology (12.3) ] , which may decrease efficacy.";
        InteractionExtractor extractor = new InteractionExtractor(lexicon(),
                List.of(Set.of(CAPECITABINE.ref(), FLUOROURACIL.ref())), Map.of());

        List<InteractionExtractor.Row> rows = extractor.extract(label(List.of("CAPECITABINE"),
                Map.of("drug_interactions", di)), new InteractionExtractor.Tally());

        assertThat(rows).extracting(r -> r.precipitant().name(), r -> r.reading().severity())
                .as("fluorouracil is capecitabine's own active drug, not a second drug")
                .containsExactly(tuple("leucovorin", Severity.MODERATE), tuple("allopurinol", Severity.MAJOR));
        assertThat(rows.get(1).statement().text()).isEqualTo("Avoid concomitant use of allopurinol with XELODA.");
        assertThat(rows.get(1).id()).isEqualTo("LDI-a1de8bba-capecitabine-allopurinol");
    }

    @Test
    void classmatesTheLabelListsAndAlternativesItNamesAreNotPrecipitants() {
        // Sertraline section extract: the SSRI list names sertraline itself; the pair is sumatriptan + SSRI.
        String sertraline = "If concomitant treatment with sumatriptan and an SSRI (e.g., citalopram, fluoxetine, "
                + "fluvoxamine, paroxetine, sertraline) is clinically warranted, appropriate observation of the patient "
                + "is advised.";
        InteractionExtractor extractor = new InteractionExtractor(lexicon(), List.of(),
                Map.of("class:ssris", Set.of(SERTRALINE.ref(), CITALOPRAM.ref(), FLUOXETINE.ref())));

        assertThat(extractor.extract(label(List.of("SERTRALINE HYDROCHLORIDE"), Map.of("drug_interactions", sertraline)),
                new InteractionExtractor.Tally())).extracting(r -> r.precipitant().name()).containsExactly("sumatriptan");

        // Gleevec (NDA021588): heparin is the alternative, warfarin the interacting drug.
        String gleevec = "Because warfarin is metabolized by CYP2C9 and CYP3A4, use low-molecular weight or standard "
                + "heparin instead of warfarin in patients who require anticoagulation [see Clinical Pharmacology "
                + "(12.3)] . 7.4 Interactions With Drugs Metabolized by CYP2D6 Use caution when administering Gleevec "
                + "with CYP2D6 substrates that have a narrow therapeutic window.";
        assertThat(extractor.extract(label(List.of("IMATINIB MESYLATE"), Map.of("drug_interactions", gleevec)),
                new InteractionExtractor.Tally())).extracting(r -> r.precipitant().name(), r -> r.reading().severity())
                .containsExactly(tuple("warfarin", Severity.MAJOR));
    }

    @Test
    void negatedAndPharmacokineticOnlyStatementsGiveNoRow() {
        String text = "No dose adjustment of warfarin is needed when given with XELODA. Warfarin AUC increased by "
                + "57% with XELODA.";
        InteractionExtractor.Tally tally = new InteractionExtractor.Tally();

        List<InteractionExtractor.Row> rows = new InteractionExtractor(lexicon(), List.of(), Map.of())
                .extract(label(List.of("CAPECITABINE"), Map.of("drug_interactions", text)), tally);

        assertThat(rows).isEmpty();
        assertThat(tally.counts).containsEntry("statements excluded (no interaction, or another topic)", 1)
                .containsEntry("statements without a recommendation or clinical effect (e.g. pharmacokinetics only)", 1);
    }

    private static LabelDocument label(List<String> substances, Map<String, String> sections) {
        return new LabelDocument("fda-labels/TEST.json", "a1de8bba-3b1d-4c9d-ab8a-32d2c05e67c8", "28", "2023-11-28",
                "spl", "Xeloda", substances, sections);
    }
}
