package org.medsafety.scenario;

/** The outcome of one scenario: passed, or failed with a message that says what differed. */
public record ScenarioResult(Scenario scenario, boolean passed, String message) {

    @Override
    public String toString() {
        return scenario.location() + " '" + scenario.name() + "': " + (passed ? "passed" : message);
    }
}
