package org.medsafety.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/clinical-content.md must describe every rule the service runs and every knowledge table it reads. */
class ClinicalContentDocTest {

    @Test
    void everyRuleAndTableIsDescribed() throws IOException {
        String doc = Files.readString(Path.of("docs/clinical-content.md"));
        RulesetFiles files = RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base"));
        Ruleset ruleset = new RulesetCompiler().compile(files).ruleset();
        assertThat(ruleset.rules().keySet()).allSatisfy(rule -> assertThat(doc).contains("`" + rule + "`"));
        files.knowledge().keySet().stream().filter(f -> f.endsWith(".csv") && !f.equals("override-reasons.csv")
                        && !f.equals("products.csv"))
                .forEach(table -> assertThat(doc).as(table).contains(table));
    }
}
