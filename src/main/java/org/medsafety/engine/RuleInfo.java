package org.medsafety.engine;

/** A rule as its DRL metadata describes it: {@code @check} and {@code @title} are required on every rule. */
public record RuleInfo(String id, String packageName, String check, String title) {
}
