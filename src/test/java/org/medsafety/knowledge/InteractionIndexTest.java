package org.medsafety.knowledge;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The two tiers of the interaction index: curated rows win a pair; of the label rows only one is returned. */
class InteractionIndexTest {

    private static final int WARFARIN = 11289;
    private static final int NAPROXEN = 7258;
    private static final int FLUCONAZOLE = 4450;

    private static Interaction row(String id, Severity severity) {
        return new Interaction(id, id, "11289", "7258", severity, InteractionList.NONE, null, null, "effect",
                "management", null, new Source("test", null), Set.of(WARFARIN));
    }

    @Test
    void aCuratedRowHidesEveryExtractedRowOfItsPairWhicheverIsAddedFirst() {
        InteractionIndex index = new InteractionIndex();
        index.addExtracted(WARFARIN, NAPROXEN, row("LDI-1", Severity.CONTRAINDICATED), false);
        index.add(WARFARIN, NAPROXEN, row("DDI-WARFARIN-NSAID", Severity.MAJOR));
        index.addExtracted(NAPROXEN, WARFARIN, row("LDI-2", Severity.MAJOR), true);

        assertThat(index.between(NAPROXEN, WARFARIN)).extracting(Interaction::id).containsExactly("DDI-WARFARIN-NSAID");
        assertThat(index.all()).extracting(Interaction::id).as("hidden rows stay known, for local tuning")
                .containsExactlyInAnyOrder("DDI-WARFARIN-NSAID", "LDI-1", "LDI-2");
        assertThat(index.pairCount()).isEqualTo(1);
    }

    @Test
    void ofTheExtractedRowsOfAPairOnlyTheMostSevereIsReturnedThenTheFirst() {
        InteractionIndex index = new InteractionIndex();
        index.addExtracted(WARFARIN, FLUCONAZOLE, row("LDI-moderate", Severity.MODERATE), false);
        index.addExtracted(FLUCONAZOLE, WARFARIN, row("LDI-major-first", Severity.MAJOR), false);
        index.addExtracted(WARFARIN, FLUCONAZOLE, row("LDI-major-second", Severity.MAJOR), false);

        assertThat(index.between(WARFARIN, FLUCONAZOLE)).extracting(Interaction::id).containsExactly("LDI-major-first");
        assertThat(index.between(FLUCONAZOLE, WARFARIN)).as("either order").hasSize(1);
    }

    @Test
    void aReviewedRowIsPreferredToAMoreSevereRowNobodyChecked() {
        InteractionIndex index = new InteractionIndex();
        index.addExtracted(WARFARIN, FLUCONAZOLE, row("LDI-extracted", Severity.CONTRAINDICATED), false);
        index.addExtracted(WARFARIN, FLUCONAZOLE, row("LDI-reviewed", Severity.MODERATE), true);

        assertThat(index.between(WARFARIN, FLUCONAZOLE)).extracting(Interaction::id).containsExactly("LDI-reviewed");
    }

    @Test
    void aPairWithNoRowIsEmptyAndTheSameListIsReturnedEachTime() {
        InteractionIndex index = new InteractionIndex();
        index.addExtracted(WARFARIN, FLUCONAZOLE, row("LDI-1", Severity.MODERATE), false);

        assertThat(index.between(WARFARIN, NAPROXEN)).isEmpty();
        assertThat(index.between(WARFARIN, FLUCONAZOLE)).as("no allocation per lookup")
                .isSameAs(index.between(FLUCONAZOLE, WARFARIN));
    }
}
