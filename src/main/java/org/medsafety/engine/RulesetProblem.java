package org.medsafety.engine;

/**
 * Why a ruleset cannot go live, located for the pharmacist: {@code file} is relative to the ruleset root
 * (e.g. "rules/dose/dose.drl", "knowledge-base/interactions.csv"); {@code line} is 0 when the whole file is meant.
 */
public record RulesetProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
