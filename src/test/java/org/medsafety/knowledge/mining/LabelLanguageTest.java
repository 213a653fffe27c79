package org.medsafety.knowledge.mining;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medsafety.knowledge.Severity;
import org.medsafety.knowledge.mining.LabelLanguage.Section;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The severity mapping and the filters on real label sentences (quoted exactly from the files in shared/fda-labels
 * and shared/fda-labels-more named in each comment). The table in docs/clinical-content.md is this test in prose.
 */
class LabelLanguageTest {

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # Contraindications: every kept statement is contraindicated (NDA021879, Nuedexta)
            Concomitant use with quinidine, quinine, or mefloquine.                                                | CONTRAINDICATIONS | CONTRAINDICATED
            # "do not use" (NDA019790, Dilatrate-SR)
            Do not use dilatrate ® -SR in patients who are taking certain drugs for erectile dysfunction (phosphodiesterase inhibitors), such as sildenafil, tadalafil, vardenafil, or avanafil. | CONTRAINDICATIONS | CONTRAINDICATED
            # "contraindicated" in the interaction section, with a cross-reference that is not itself a cue (ANDA076037)
            The combined use of nefazodone with terfenadine, astemizole, cisapride, or pimozide is contraindicated (see CONTRAINDICATIONS and WARNINGS ). | DRUG_INTERACTIONS | CONTRAINDICATED
            # "should not be coadministered" (NDA021560, Zortress)
            It is recommended that strong inhibitors of CYP3A4 (e.g., ketoconazole, itraconazole, voriconazole, clarithromycin, telithromycin, ritonavir, boceprevir, telaprevir) should not be coadministered with Zortress | DRUG_INTERACTIONS | CONTRAINDICATED
            # "not studied" does not hide a contraindication (NDA203858, Juxtapid)
            has not been studied, but concomitant use with lomitapide is contraindicated since lomitapide exposure will likely increase significantly | DRUG_INTERACTIONS | CONTRAINDICATED
            # "avoid" (NDA020896, Xeloda)
            Avoid concomitant use of allopurinol with XELODA.                                                      | DRUG_INTERACTIONS | MAJOR
            # "not recommended" (NDA205834, Harvoni)
            Coadministration of ledipasvir and sofosbuvir with rosuvastatin is not recommended.                    | DRUG_INTERACTIONS | MAJOR
            # a fatal outcome (amiodarone section extract)
            Warfarin Potentiates anticoagulant response and can result in serious or fatal bleeding.               | DRUG_INTERACTIONS | MAJOR
            # the Boxed Warning makes an interaction at least major (NDA020896, Xeloda)
            Altered coagulation parameters and/or bleeding, including death, have been reported in patients taking XELODA concomitantly with oral vitamin K antagonists, such as warfarin | BOXED_WARNING | MAJOR
            # "monitor" (NDA020896, Xeloda)
            Closely monitor for toxicities when XELODA is coadministered with leucovorin.                          | DRUG_INTERACTIONS | MODERATE
            # "reduce the dose" (NDA205919, Purixan)
            Reduce the dose of PURIXAN when co-administered with allopurinol.                                      | DRUG_INTERACTIONS | MODERATE
            # separate the doses (clarithromycin section extract)
            Administration of clarithromycin and zidovudine should be separated by at least two hours              | DRUG_INTERACTIONS | MODERATE
            # "caution", "dose adjustments" (clarithromycin section extract)
            Caution and appropriate dose adjustments should be considered when triazolam or alprazolam is co-administered with clarithromycin. | DRUG_INTERACTIONS | MODERATE
            # a clinical effect without a recommendation (NDA019962, metoprolol)
            Concomitant use of glycosides, clonidine, and diltiazem and verapamil with beta-blockers can increase the risk of bradycardia. | DRUG_INTERACTIONS | MODERATE
            # a dose cap worded "not recommended to exceed" is not "avoid" (NDA204447, Trintellix)
            Intervention Consider increasing the TRINTELLIX dose when a strong CYP inducer is coadministered. The maximum dose is not recommended to exceed three times the original dose | DRUG_INTERACTIONS | MODERATE
            # timing of doses (NDA021366, Crestor)
            Aluminum and Magnesium Hydroxide Combination Antacids : Administer CRESTOR at least 2 hours after the antacid. | DRUG_INTERACTIONS | MODERATE
            # "should generally not be initiated": a softened "do not" (NDA209884, Mayzent)
            Because of the potential additive effects on heart rate, treatment with MAYZENT should generally not be initiated in patients who are concurrently treated with QT prolonging drugs with known arrhythmogenic properties | DRUG_INTERACTIONS | MAJOR
            # "should not be taken at the same time" is timing, not a contraindication (NDA008762, Dilantin-125)
            Phenytoin and antacids should not be taken at the same time of day                                     | DRUG_INTERACTIONS | MODERATE
            """)
    void severityFromTheLabelsWords(String sentence, Section section, Severity expected) {
        assertThat(LabelLanguage.exclusion(sentence)).isNull();

        assertThat(LabelLanguage.severity(sentence, section).severity()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # a pharmacokinetic figure alone (NDA021366, Crestor table)
            Teriflunomide increased rosuvastatin exposure more than 2.5-fold.                                      | DRUG_INTERACTIONS
            # a regimen's toxicity, not an interaction (NDA207793, Onivyde Boxed Warning)
            Severe or life-threatening neutropenic fever or sepsis occurred in 3% and severe or life-threatening neutropenia occurred in 20% of patients receiving ONIVYDE in combination with fluorouracil and leucovorin. | BOXED_WARNING
            # nothing places a second drug alongside the label's drug (NDA020896, Xeloda)
            History of severe hypersensitivity reactions to fluorouracil or capecitabine ( 4 )                    | CONTRAINDICATIONS
            """)
    void noRecommendationNoRow(String sentence, Section section) {
        assertThat(LabelLanguage.severity(sentence, section)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # no dose adjustment (NDA208065, Tagrisso)
            No dose adjustments are required when TAGRISSO is used with moderate and/or weak CYP3A inducers.
            # "not normally required" (NDA021153, Nexium)
            Dose adjustment of NEXIUM is not normally required.
            # the drugs named between "dose adjustment of" and "is not necessary" (NDA021560, Zortress)
            Dose adjustment of midazolam or other CYP3A4/5 substrates is not necessary when Zortress is coadministered with midazolam or other CYP3A4/5 substrates
            # unchanged (NDA018081, Depakene)
            The elimination half-life of diazepam remained unchanged upon addition of valproate.
            # no significant change (NDA204447, Trintellix)
            In a clinical study with coadministration of TRINTELLIX (10 mg/day) and warfarin (1 mg/day to 10 mg/day), a highly protein bound drug, no significant change in INR was observed
            # in-vitro data without a recommendation (NDA018081, Depakene)
            Warfarin In an in vitro study, valproate increased the unbound fraction of warfarin by up to 32.6%.
            # allergy, not co-administration (NDA020896, Xeloda)
            XELODA is contraindicated in patients with history of severe hypersensitivity reaction to fluorouracil or capecitabine
            # a treatment instruction (BLA125557, Blincyto Boxed Warning)
            Interrupt or discontinue BLINCYTO and treat with corticosteroids as recommended
            # a referral to other labels (NDA022056, Prilosec)
            For information about contraindications of antibacterial agents (clarithromycin and amoxicillin) indicated in combination with PRILOSEC, refer to the CONTRAINDICATIONS section of their package inserts.
            # not established, nothing recommended (NDA020699, Effexor XR)
            The safety and efficacy of venlafaxine therapy in combination with weight loss agents, including phentermine, have not been established.
            """)
    void statementsThatAreNotInteractionsAreExcluded(String sentence) {
        assertThat(LabelLanguage.exclusion(sentence)).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # do not → contraindicated, but "do not exceed" is a dose cap
            Do not exceed 10 mg daily.                                                  | MODERATE
            # the strongest cue wins
            Avoid concomitant use; if unavoidable, monitor closely.                     | MAJOR
            Concomitant use is contraindicated; monitor if started inadvertently.       | CONTRAINDICATED
            # a cross-reference to Contraindications is not a contraindication
            Monitor INR [see Contraindications (4)].                                    | MODERATE
            # a contraindication for a population is not one for the pair (NDA213969, Zokinvy)
            Prevention or Management Loperamide is contraindicated in patients less than 2 years of age. When ZOKINVY is coadministered with loperamide, do not exceed loperamide 1 mg once daily when first coadministered. | MODERATE
            """)
    void cueRules(String sentence, Severity expected) {
        assertThat(LabelLanguage.severity(sentence, Section.DRUG_INTERACTIONS).severity()).isEqualTo(expected);
    }
}
