package org.medsafety.scenario;

import static org.medsafety.scenario.ScenarioFields.checkKeys;
import static org.medsafety.scenario.ScenarioFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import org.medsafety.scenario.ScenarioFields.Invalid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Reads a scenario's {@code expect} list: exactly the alerts the scenario must fire. */
final class ScenarioExpectations {

    private static final Set<String> EXPECT_KEYS = Set.of("check", "severity", "indicator", "rule", "id", "drugs");

    private ScenarioExpectations() {
    }

    static List<Expectation> read(JsonNode expect) {
        List<Expectation> result = new ArrayList<>();
        for (JsonNode e : expect) {
            if (!e.isObject()) {
                throw new Invalid("each expected alert is a map such as {check: interaction, severity: major}");
            }
            checkKeys(e, EXPECT_KEYS, "expected alert");
            Set<String> drugs = null;
            if (e.has("drugs")) {
                drugs = new TreeSet<>();
                for (JsonNode d : e.get("drugs")) {
                    drugs.add(d.asText().toLowerCase(Locale.ROOT));
                }
            }
            result.add(new Expectation(text(e, "check"), text(e, "severity"), text(e, "indicator"), text(e, "rule"),
                    text(e, "id"), drugs));
        }
        return result;
    }
}
