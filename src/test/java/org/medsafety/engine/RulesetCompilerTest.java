package org.medsafety.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A ruleset that cannot go live says exactly why, with the file and line a pharmacist must fix. */
class RulesetCompilerTest {

    private static final RulesetFiles SHIPPED = RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base"));

    private static RulesetCompiler.Result compileWith(String rulesPath, String drl) {
        Map<String, byte[]> rules = new HashMap<>(SHIPPED.rules());
        rules.put(rulesPath, drl.getBytes(StandardCharsets.UTF_8));
        return new RulesetCompiler().compile(new RulesetFiles(rules, SHIPPED.knowledge()));
    }

    @Test
    void theShippedRulesetCompilesAndEveryRuleSaysWhatItChecks() {
        RulesetCompiler.Result result = new RulesetCompiler().compile(SHIPPED);
        assertThat(result.problems()).isEmpty();
        assertThat(result.ruleset().rules().values()).allSatisfy(rule -> {
            assertThat(rule.check()).isIn("interaction", "allergy", "dose", "renal", "duplicate", "unscreened",
                    "pregnancy");
            assertThat(rule.title()).isNotBlank();
        });
        assertThat(result.ruleset().version()).hasSize(64).isEqualTo(SHIPPED.contentHash());
    }

    @Test
    void aBrokenRuleIsReportedWithFileAndLine() {
        RulesetCompiler.Result result = compileWith("dose/broken.drl", """
                package dose;
                import org.medsafety.engine.facts.DoseFact;
                rule "BROKEN" @check("dose") @title("broken")
                when
                    $d : DoseFact( mgPerDoze > 10 )
                then
                end
                """);
        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("rules/dose/broken.drl");
            assertThat(p.line()).isBetween(3, 5);
            assertThat(p.message()).contains("mgPerDoze");
        });
    }

    @Test
    void aFolderWithAHyphenKeepsItsNameInProblems() {
        RulesetCompiler.Result result = compileWith("duplicate-therapy/broken.drl", """
                package duplicate_therapy;
                rule "BROKEN-2" @check("duplicate") @title("broken")
                when
                    NoSuchFact()
                then
                end
                """);
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.file()).isEqualTo("rules/duplicate-therapy/broken.drl"));
    }

    @Test
    void aRuleWithoutCheckAndTitleMetadataIsRefused() {
        RulesetCompiler.Result result = compileWith("dose/bare.drl", """
                package dose;
                import org.medsafety.engine.facts.DoseFact;
                rule "BARE"
                when
                    DoseFact()
                then
                end
                """);
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.message()).contains("\"BARE\" needs @check"));
    }

    @Test
    void twoRulesWithTheSameNameInOnePackageAreRefused() {
        RulesetCompiler.Result result = compileWith("dose/copy.drl", """
                package dose;
                import org.medsafety.engine.facts.DoseFact;
                rule "DOSE-MAX-SINGLE" @check("dose") @title("a copy")
                when
                    DoseFact()
                then
                end
                """);
        assertThat(result.ok()).isFalse();
    }

    @Test
    void knowledgeProblemsAreReportedUnderKnowledgeBase() {
        Map<String, byte[]> knowledge = new HashMap<>(SHIPPED.knowledge());
        knowledge.remove("interactions.csv");
        RulesetCompiler.Result result = new RulesetCompiler().compile(new RulesetFiles(SHIPPED.rules(), knowledge));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.file()).isEqualTo("knowledge-base/interactions.csv"));
    }

    @Test
    void theVersionChangesWithAnyFile() {
        Map<String, byte[]> knowledge = new HashMap<>(SHIPPED.knowledge());
        knowledge.put("SOURCES.md", "changed".getBytes(StandardCharsets.UTF_8));
        assertThat(new RulesetFiles(SHIPPED.rules(), knowledge).contentHash()).isNotEqualTo(SHIPPED.contentHash());
    }
}
