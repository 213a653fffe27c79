package org.medsafety.scenario;

import static org.medsafety.scenario.ScenarioFields.checkKeys;
import static org.medsafety.scenario.ScenarioFields.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.medsafety.scenario.ScenarioFields.Invalid;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads scenario files (YAML, format in docs/knowledge-format.md) into scenarios with ready-made patient snapshots.
 * Every problem names the file and the line of the scenario (or of the YAML error). This class reads the file and
 * each scenario's frame; {@link ScenarioPatient} builds the snapshot (orders and current medications through
 * {@link ScenarioMedications}) and {@link ScenarioExpectations} reads the expected alerts.
 */
public final class ScenarioParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SCENARIO_KEYS = Set.of("name", "patient", "conditions", "allergies", "current",
            "orders", "expect", "evaluated-at");

    /** What one file gave: scenarios, or problems (possibly both, when only some scenarios are bad). */
    public record Parsed(List<Scenario> scenarios, List<ScenarioProblem> problems) {
    }

    public Parsed parse(String file, byte[] content) {
        List<Scenario> scenarios = new ArrayList<>();
        List<ScenarioProblem> problems = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problems.add(new ScenarioProblem(file, 1, "a scenario file starts with 'scenarios:'"));
                return new Parsed(scenarios, problems);
            }
            boolean found = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                int fieldLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                if (!field.equals("scenarios")) {
                    problems.add(new ScenarioProblem(file, fieldLine, "unknown key '" + field + "' (expected 'scenarios')"));
                    parser.skipChildren();
                    continue;
                }
                found = true;
                if (parser.currentToken() != JsonToken.START_ARRAY) {
                    problems.add(new ScenarioProblem(file, fieldLine, "'scenarios' must be a list"));
                    parser.skipChildren();
                    continue;
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    int line = parser.currentTokenLocation().getLineNr();
                    JsonNode node = YAML.readTree(parser);
                    try {
                        scenarios.add(scenario(file, line, node));
                    } catch (Invalid | IllegalArgumentException e) {
                        problems.add(new ScenarioProblem(file, line, e.getMessage()));
                    }
                }
            }
            if (!found) {
                problems.add(new ScenarioProblem(file, 1, "no 'scenarios:' list"));
            }
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? jpe.getLocation().getLineNr() : 0;
            problems.add(new ScenarioProblem(file, line, "not readable as YAML: " + firstLine(e.getMessage())));
        }
        return new Parsed(scenarios, problems);
    }

    private static Scenario scenario(String file, int line, JsonNode node) {
        if (!node.isObject()) {
            throw new Invalid("a scenario must be a map with name, orders and expect");
        }
        checkKeys(node, SCENARIO_KEYS, "scenario");
        String name = text(node, "name");
        if (name == null) {
            throw new Invalid("scenario has no name");
        }
        if (!node.has("orders") || !node.get("orders").isArray() || node.get("orders").isEmpty()) {
            throw new Invalid("scenario '" + name + "' needs at least one order under 'orders'");
        }
        if (!node.has("expect") || !node.get("expect").isArray()) {
            throw new Invalid("scenario '" + name + "' needs 'expect' (a list; [] for no alert)");
        }
        try {
            return new Scenario(file, line, name, ScenarioPatient.snapshot(node),
                    ScenarioExpectations.read(node.get("expect")));
        } catch (Invalid e) {
            throw new Invalid("scenario '" + name + "': " + e.getMessage());
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
