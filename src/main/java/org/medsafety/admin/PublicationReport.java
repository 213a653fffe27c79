package org.medsafety.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.medsafety.engine.RulesetProblem;

import java.util.List;

/**
 * The answer to a publication, validation, activation or tuning: the version, what became of it ({@code status}),
 * the activation when one was made, the scenarios run and the problems found (with file and line).
 */
@JsonPropertyOrder({"version", "label", "status", "activation", "scenarios", "problems"})
public record PublicationReport(String version, String label, String status,
                                @JsonInclude(JsonInclude.Include.NON_NULL) Long activation, Scenarios scenarios,
                                List<RulesetProblem> problems) {

    public record Scenarios(int run, int failed) {
    }

    static PublicationReport of(RulesetPublisher.Report report) {
        return new PublicationReport(report.version(), report.label(), report.status(), report.activation(),
                new Scenarios(report.outcome().scenariosRun(), report.outcome().scenariosFailed()),
                report.outcome().problems());
    }
}
