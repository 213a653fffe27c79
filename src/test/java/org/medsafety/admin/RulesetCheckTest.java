package org.medsafety.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The serverless check a rules repository runs in its CI. */
class RulesetCheckTest {

    private static String run(int expectedExit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = RulesetCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isEqualTo(expectedExit);
        return text;
    }

    @Test
    void theShippedRulesetPasses() {
        assertThat(run(0, "rules", "knowledge-base")).contains("OK: ruleset").contains(" 0 failed");
    }

    @Test
    void aBrokenCopyFailsAndNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        copy(Path.of("rules"), dir.resolve("rules"));
        copy(Path.of("knowledge-base"), dir.resolve("knowledge-base"));
        Files.writeString(dir.resolve("rules/dose/scenarios/wrong.yaml"), """
                scenarios:
                  - name: silence expected where the label fires
                    patient: {age: 50, sex: male, weight: 80, scr: 1.0}
                    orders: [{drug: Tramadol Hydrochloride 50 MG Oral Tablet, dose: 4 tablet, frequency: 6/d}]
                    expect: []
                """);
        String out = run(1, dir.resolve("rules").toString(), dir.resolve("knowledge-base").toString());
        assertThat(out).contains("rules/dose/scenarios/wrong.yaml:2: scenario 'silence expected where the label fires'")
                .contains("REFUSED");
    }

    @Test
    void aMissingFolderIsAUsageError() {
        assertThat(run(2, "no-such-rules", "knowledge-base")).contains("cannot read");
        assertThat(run(2, "rules")).contains("usage");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
