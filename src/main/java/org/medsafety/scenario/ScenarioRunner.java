package org.medsafety.scenario;

import org.medsafety.engine.Evaluator;
import org.medsafety.engine.Finding;
import org.medsafety.engine.Ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs scenario files against a ruleset: the gate every ruleset passes in {@code mvn test} and, before any
 * publication, in the service. Exact: every expected alert must fire and nothing else may.
 */
public final class ScenarioRunner {

    /** Results of a whole ruleset's scenarios. */
    public record Report(List<ScenarioResult> results, List<ScenarioProblem> problems) {

        public boolean passed() {
            return problems.isEmpty() && results.stream().allMatch(ScenarioResult::passed);
        }
    }

    private final ScenarioParser parser = new ScenarioParser();

    /** @param rulesFiles every file under rules/, by relative path; scenario files are {@code *\/scenarios/*.yaml} */
    public Report run(Ruleset ruleset, Map<String, byte[]> rulesFiles) {
        List<ScenarioResult> results = new ArrayList<>();
        List<ScenarioProblem> problems = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : rulesFiles.entrySet()) {
            if (!isScenarioFile(file.getKey())) {
                continue;
            }
            ScenarioParser.Parsed parsed = parser.parse("rules/" + file.getKey(), file.getValue());
            problems.addAll(parsed.problems());
            for (Scenario scenario : parsed.scenarios()) {
                results.add(run(ruleset, scenario));
            }
        }
        return new Report(results, problems);
    }

    public static boolean isScenarioFile(String path) {
        return path.contains("scenarios/") && (path.endsWith(".yaml") || path.endsWith(".yml"));
    }

    public ScenarioResult run(Ruleset ruleset, Scenario scenario) {
        List<Finding> findings;
        try {
            findings = Evaluator.evaluate(ruleset, scenario.snapshot(), false).findings();
        } catch (RuntimeException e) {
            return new ScenarioResult(scenario, false, "evaluation failed: " + e);
        }
        List<Finding> unmatched = new ArrayList<>(findings);
        List<Expectation> missing = new ArrayList<>();
        for (Expectation expected : scenario.expected()) {
            Finding match = unmatched.stream().filter(expected::matches).findFirst().orElse(null);
            if (match == null) {
                missing.add(expected);
            } else {
                unmatched.remove(match);
            }
        }
        if (missing.isEmpty() && unmatched.isEmpty()) {
            return new ScenarioResult(scenario, true, null);
        }
        StringBuilder message = new StringBuilder();
        if (!missing.isEmpty()) {
            message.append("expected but not fired: ").append(missing).append(". ");
        }
        if (!unmatched.isEmpty()) {
            message.append("fired but not expected: ")
                    .append(unmatched.stream().map(Expectation::describe).toList()).append(". ");
        }
        message.append("All alerts fired: ").append(findings.stream().map(Expectation::describe).toList());
        return new ScenarioResult(scenario, false, message.toString());
    }
}
