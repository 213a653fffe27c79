package org.medsafety.scenario;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.medsafety.engine.RulesetCompiler;
import org.medsafety.engine.RulesetFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every scenario under rules/&#42;&#42;/scenarios/ runs against the shipped rules and knowledge: one test per
 * scenario, named by file and line, so a pharmacist sees exactly which one failed and why.
 */
class ScenarioTest {

    @TestFactory
    Stream<DynamicTest> shippedScenarios() {
        RulesetFiles files = RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base"));
        RulesetCompiler.Result compiled = new RulesetCompiler().compile(files);
        assertThat(compiled.problems()).as("the shipped ruleset compiles").isEmpty();
        ScenarioRunner.Report report = new ScenarioRunner().run(compiled.ruleset(), files.rules());

        List<DynamicTest> tests = new ArrayList<>();
        for (ScenarioProblem problem : report.problems()) {
            tests.add(DynamicTest.dynamicTest(problem.file() + ":" + problem.line() + " (unreadable)",
                    () -> fail(problem.toString())));
        }
        for (ScenarioResult result : report.results()) {
            tests.add(DynamicTest.dynamicTest(result.scenario().location() + " " + result.scenario().name(), () -> {
                if (!result.passed()) {
                    fail(result.toString());
                }
            }));
        }
        assertThat(tests).as("scenario files exist").isNotEmpty();
        return tests.stream();
    }

    /** The suite must keep testing both ways: enough scenarios, and at least a third that must stay silent. */
    @org.junit.jupiter.api.Test
    void theScenarioSuiteKeepsItsCoverage() {
        RulesetFiles files = RulesetFiles.read(Path.of("rules"), Path.of("knowledge-base"));
        ScenarioParser parser = new ScenarioParser();
        List<Scenario> all = new ArrayList<>();
        files.rules().forEach((path, content) -> {
            if (ScenarioRunner.isScenarioFile(path)) {
                all.addAll(parser.parse(path, content).scenarios());
            }
        });
        long negative = all.stream().filter(s -> s.expected().isEmpty()).count();
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        assertThat(negative * 3).as(negative + " negative controls of " + all.size()).isGreaterThanOrEqualTo(all.size());
        for (String check : List.of("interactions", "allergy", "dose", "renal", "duplicate-therapy", "common")) {
            assertThat(files.rules().keySet()).as("scenarios for " + check)
                    .anyMatch(p -> p.startsWith(check + "/scenarios/"));
        }
    }
}
