package org.medsafety.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/** One stored version and the paths of its files. */
public record RulesetDetail(@JsonUnwrapped RulesetVersionView version, List<String> files) {
}
