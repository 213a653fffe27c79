package org.medsafety.knowledge;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** interaction-modifiers.csv and condition-value-sets.csv load, and a wrong row is refused at its line. */
class InteractionModifierTableTest {

    private static final String MODIFIERS = InteractionModifierTable.MODIFIERS;

    @Test
    void theShippedModifiersLoadIndexedByInteractionInFileOrder() {
        KnowledgeBase kb = KnowledgeLoader.load(shipped()).knowledge();

        assertThat(kb.interactionModifiers().of("DDI-WARFARIN-NSAID")).extracting(InteractionModifier::id)
                .startsWith("MOD-WN-TOPICAL-DICLOFENAC", "MOD-WN-GI-PROTECTION");
        assertThat(kb.interactionModifiers().of("DDI-ONC-08")).isEmpty();
        InteractionModifier ppi = kb.interactionModifiers().of("DDI-WARFARIN-NSAID").get(1);
        assertThat(ppi.drugs()).contains(7646, 42331); // omeprazole and misoprostol
        ConditionValueSet ugib = kb.interactionModifiers().valueSet("pddi-hx-ugib");
        assertThat(ugib.contains("http://snomed.info/sct", "74474003")).isTrue();
        assertThat(ugib.names("Gastric Hemorrhage")).isTrue();
        assertThat(ugib.contains("http://snomed.info/sct", "235595009")).as("reflux is not in it").isFalse();
    }

    @Test
    void anOncRowTakesNoModifier() {
        assertRefused("MOD-TS-ELDERLY,DDI-THIAZIDE-SMX,", "MOD-TS-ELDERLY,DDI-ONC-08,",
                "DDI-ONC-08 is on an ONC list: its severity is fixed, so it takes no modifiers");
    }

    @Test
    void anUnknownInteractionIsRefused() {
        assertRefused("MOD-TS-ELDERLY,DDI-THIAZIDE-SMX,", "MOD-TS-ELDERLY,DDI-NO-SUCH-ROW,",
                "unknown interaction 'DDI-NO-SUCH-ROW' (not in interactions.csv)");
    }

    @Test
    void aRaiseWithoutAGroupIsRefused() {
        assertRefused("min-age,66,,patient risk factor,raise,", "min-age,66,,,raise,",
                "a group is required for effect raise, and only for it");
    }

    @Test
    void aSetWithoutASeverityIsRefused() {
        assertRefused("systemic,,set,moderate,", "systemic,,set,,",
                "a severity is required for effect set, and only for it",
                ",class:pddi-gi-protective,,,set,moderate,", ",class:pddi-gi-protective,,,set,,");
    }

    @Test
    void anUnknownRouteOrValueSetIsRefused() {
        assertRefused("topical|ophthalmic", "topical|skin",
                "route 'topical|skin' is not |-separated words from [inhalation, intramuscular, intravenous, nasal, "
                        + "ophthalmic, oral, otic, parenteral, rectal, subcutaneous, sublingual, topical, transdermal]");
        assertRefused(",condition,pddi-hx-ugib,", ",condition,pddi-no-such-set,",
                "unknown value set 'pddi-no-such-set' (not in condition-value-sets.csv)");
    }

    @Test
    void aThresholdThatIsNotAPositiveNumberIsRefused() {
        assertRefused(",min-age,65,", ",min-age,elderly,", "value 'elderly' is not a positive number");
    }

    @Test
    void anUnknownFactorOrEffectIsRefused() {
        assertRefused(",min-age,65,", ",max-age,65,", "factor 'max-age' is not min-age, condition, co-medication, "
                + "pair-drug-route, min-scr or renal-function-at-most");
        assertRefused(",,require,,", ",,forbid,,", "effect 'forbid' is not require, set, raise, lower or note");
    }

    // ------------------------------------------------------------------ helpers

    /** Replaces {@code from} by {@code to} in the first modifier row containing it, and expects one problem there. */
    private static void assertRefused(String from, String to, String message) {
        assertRefused(from, to, message, from, to);
    }

    private static void assertRefused(String find, String replace, String message, String from, String to) {
        Map<String, byte[]> files = shipped();
        String text = new String(files.get(MODIFIERS), StandardCharsets.UTF_8);
        int at = text.indexOf(from);
        assertThat(at).as("'" + from + "' is in the shipped file").isNotNegative();
        int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
        files.put(MODIFIERS, (text.substring(0, at) + to + text.substring(at + from.length()))
                .getBytes(StandardCharsets.UTF_8));

        assertThat(KnowledgeLoader.load(files).problems()).containsExactly(new KnowledgeProblem(MODIFIERS, line, message));
    }

    private static Map<String, byte[]> shipped() {
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> paths = Files.list(Path.of("knowledge-base"))) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".csv")).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
