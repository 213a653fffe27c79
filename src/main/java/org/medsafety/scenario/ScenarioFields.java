package org.medsafety.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads of a scenario's YAML fields; a key or value that does not fit is an {@link Invalid} mistake. */
final class ScenarioFields {

    /** A scenario-level mistake; the parser reports it at the scenario's line. */
    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private ScenarioFields() {
    }

    /** Refuses a key not in {@code allowed}: a misspelt key would otherwise be silently ignored. */
    static void checkKeys(JsonNode node, Set<String> allowed, String what) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Invalid("unknown key '" + name + "' in " + what + " (allowed: " + new TreeSet<>(allowed) + ")");
            }
        }
    }

    static Iterable<JsonNode> list(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new Invalid("'" + field + "' must be a list");
        }
        return v;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.asText().isBlank() ? v.asText() : null;
    }

    static Double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new Invalid("'" + field + "' must be a number");
        }
        return v.asDouble();
    }
}
