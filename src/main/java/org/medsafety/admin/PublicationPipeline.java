package org.medsafety.admin;

import org.medsafety.engine.Ruleset;
import org.medsafety.engine.RulesetCompiler;
import org.medsafety.engine.RulesetFiles;
import org.medsafety.engine.RulesetProblem;
import org.medsafety.scenario.ScenarioResult;
import org.medsafety.scenario.ScenarioRunner;

import java.util.ArrayList;
import java.util.List;

/**
 * Every check a ruleset passes before it may serve, in order: compile every DRL, validate the knowledge tables,
 * run every scenario. Nothing here has side effects: a candidate that fails changes nothing.
 */
public final class PublicationPipeline {

    /** What the checks found; {@code ruleset} is null when anything failed. */
    public record Outcome(String version, Ruleset ruleset, List<RulesetProblem> problems, int scenariosRun,
                          int scenariosFailed) {

        public boolean ok() {
            return ruleset != null;
        }
    }

    private final RulesetCompiler compiler = new RulesetCompiler();
    private final ScenarioRunner scenarios = new ScenarioRunner();

    public Outcome check(RulesetFiles files) {
        String version = files.contentHash();
        RulesetCompiler.Result compiled = compiler.compile(files);
        if (!compiled.ok()) {
            return new Outcome(version, null, compiled.problems(), 0, 0);
        }
        ScenarioRunner.Report report = scenarios.run(compiled.ruleset(), files.rules());
        List<RulesetProblem> problems = new ArrayList<>();
        report.problems().forEach(p -> problems.add(new RulesetProblem(p.file(), p.line(), p.message())));
        int failed = 0;
        for (ScenarioResult r : report.results()) {
            if (!r.passed()) {
                failed++;
                problems.add(new RulesetProblem(r.scenario().file(), r.scenario().line(),
                        "scenario '" + r.scenario().name() + "' failed: " + r.message()));
            }
        }
        if (report.results().isEmpty() && report.problems().isEmpty()) {
            problems.add(new RulesetProblem("rules/", 0, "no scenario files (rules/<check>/scenarios/*.yaml): "
                    + "a ruleset is published only with its tests"));
        }
        return new Outcome(version, problems.isEmpty() ? compiled.ruleset() : null, List.copyOf(problems),
                report.results().size(), failed);
    }

    /** Compile only: for loading a version that already passed the full checks when it was published. */
    public Outcome compile(RulesetFiles files) {
        RulesetCompiler.Result compiled = compiler.compile(files);
        return new Outcome(files.contentHash(), compiled.ruleset(), compiled.problems(), 0, 0);
    }
}
