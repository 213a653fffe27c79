package org.medsafety.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.medsafety.snapshot.ActiveMedication;
import org.medsafety.snapshot.AllergyEntry;
import org.medsafety.snapshot.ClinicalCode;
import org.medsafety.snapshot.ConditionEntry;
import org.medsafety.snapshot.DoseInstruction;
import org.medsafety.snapshot.DraftOrder;
import org.medsafety.snapshot.LabRecency;
import org.medsafety.snapshot.MedicationConcept;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.PlausibleRange;
import org.medsafety.snapshot.PregnancyReader;
import org.medsafety.snapshot.Quantity;
import org.medsafety.snapshot.SnapshotBuilder;
import org.medsafety.snapshot.UnusableMeasurement;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads scenario files (YAML, format in docs/knowledge-format.md) into scenarios with ready-made patient snapshots.
 * Every problem names the file and the line of the scenario (or of the YAML error).
 */
public final class ScenarioParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DOSE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([^\\s].*?)?\\s*");
    private static final Pattern FREQUENCY = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*/\\s*(h|d|wk)\\s*");
    private static final Pattern EVERY = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(h|d|wk)\\s*");

    private static final Set<String> SCENARIO_KEYS = Set.of("name", "patient", "conditions", "allergies", "current",
            "orders", "expect", "evaluated-at");
    private static final Set<String> PATIENT_KEYS = Set.of("age", "sex", "weight", "height", "scr", "egfr", "crcl",
            "pregnant", "scr-date", "egfr-date", "gestation");
    private static final Set<String> ORDER_KEYS = Set.of("drug", "code", "dose", "frequency", "every", "route", "prn",
            "selected", "renews");
    private static final Set<String> CONDITION_KEYS = Set.of("code", "system", "text");
    private static final Set<String> CURRENT_KEYS = Set.of("drug", "code", "dose", "frequency", "every", "route", "prn",
            "status");
    /** Scenario laboratory values are judged old against the default limit, whatever a site configures. */
    private static final LabRecency LAB_RECENCY = new LabRecency(LabRecency.DEFAULT_MAX_AGE);
    private static final Set<String> ALLERGY_KEYS = Set.of("code", "text", "criticality", "category");
    private static final Set<String> EXPECT_KEYS = Set.of("check", "severity", "indicator", "rule", "id", "drugs");

    /** What one file gave: scenarios, or problems (possibly both, when only some scenarios are bad). */
    public record Parsed(List<Scenario> scenarios, List<ScenarioProblem> problems) {
    }

    /** Thrown inside the parser for a scenario-level mistake; becomes a {@link ScenarioProblem} at the scenario's line. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
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
            return new Scenario(file, line, name, snapshot(node), expectations(node.get("expect")));
        } catch (Invalid e) {
            throw new Invalid("scenario '" + name + "': " + e.getMessage());
        }
    }

    private static PatientSnapshot snapshot(JsonNode node) {
        JsonNode p = node.path("patient");
        if (!p.isMissingNode()) {
            if (!p.isObject()) {
                throw new Invalid("'patient' must be a map");
            }
            checkKeys(p, PATIENT_KEYS, "patient");
        }
        Double age = number(p, "age");
        String sex = text(p, "sex");
        if (sex != null && !Set.of("male", "female", "other", "unknown").contains(sex)) {
            throw new Invalid("patient sex '" + sex + "' is not male, female, other or unknown");
        }
        Double weight = number(p, "weight");
        List<UnusableMeasurement> unusable = new ArrayList<>(0);
        Instant now = evaluatedAt(node, p);
        Double scr = recent(number(p, "scr"), p, "scr-date", PlausibleRange.SERUM_CREATININE, now, unusable);
        Double egfr = recent(number(p, "egfr"), p, "egfr-date", PlausibleRange.EGFR, now, unusable);
        Double crcl = p.has("crcl") ? number(p, "crcl") : SnapshotBuilder.cockcroftGault(age, weight, scr, sex);

        List<ConditionEntry> conditions = new ArrayList<>();
        for (JsonNode c : list(node, "conditions")) {
            conditions.add(condition(c));
        }
        List<AllergyEntry> allergies = new ArrayList<>();
        int i = 0;
        for (JsonNode a : list(node, "allergies")) {
            allergies.add(allergy(a, i++));
        }
        List<ActiveMedication> current = new ArrayList<>();
        i = 0;
        for (JsonNode m : list(node, "current")) {
            String ref = "MedicationRequest/current-" + (++i);
            if (m.isObject()) {
                checkKeys(m, CURRENT_KEYS, "current medication");
            }
            // Numbered as written, so that 'renews: 2' names the second entry whatever the statuses before it.
            if (SnapshotBuilder.isCurrent(m.isObject() ? text(m, "status") : null)) {
                current.add(new ActiveMedication(ref, concept(m, "current"), m.isObject() ? dose(m, "current " + i)
                        : null));
            }
        }
        List<DraftOrder> orders = new ArrayList<>();
        i = 0;
        for (JsonNode o : list(node, "orders")) {
            orders.add(order(o, ++i));
        }
        // Pregnant as the service reads a record: said outright, or an active condition that says so.
        boolean pregnant = p.path("pregnant").asBoolean(false)
                || conditions.stream().anyMatch(PregnancyReader::isPregnancy);
        Double gestation = number(p, "gestation");
        if (gestation != null && !pregnant) {
            throw new Invalid("'gestation' (weeks) needs pregnant: true or a pregnancy condition");
        }
        return new PatientSnapshot("scenario-patient", null, age, sex, weight, number(p, "height"), scr,
                egfr, crcl, pregnant, conditions, allergies, current, orders, unusable, gestation);
    }

    /** The scenario's evaluation time, needed when it dates a laboratory value. */
    private static Instant evaluatedAt(JsonNode node, JsonNode patient) {
        String text = text(node, "evaluated-at");
        if (text == null) {
            if (patient.has("scr-date") || patient.has("egfr-date")) {
                throw new Invalid("a dated laboratory value needs 'evaluated-at' (the evaluation's time)");
            }
            return null;
        }
        Instant now = LabRecency.instant(text);
        if (now == null) {
            throw new Invalid("evaluated-at '" + text + "' is not a FHIR date or dateTime");
        }
        return now;
    }

    /** A laboratory value, or null (and a stale entry) when its date is older than the default limit. */
    private static Double recent(Double value, JsonNode patient, String dateField, PlausibleRange range, Instant now,
                                 List<UnusableMeasurement> unusable) {
        String date = text(patient, dateField);
        if (date == null || value == null) {
            return value;
        }
        Instant measuredAt = LabRecency.instant(date);
        if (measuredAt == null) {
            throw new Invalid(dateField + " '" + date + "' is not a FHIR date or dateTime");
        }
        String stale = LAB_RECENCY.staleness(measuredAt, now);
        if (stale == null) {
            return value;
        }
        unusable.add(new UnusableMeasurement(range, PlausibleRange.number(value) + " " + range.unit(), stale, true));
        return null;
    }

    /** A condition text, or {code, system, text}; system "snomed" stands for SNOMED CT's URI. */
    private static ConditionEntry condition(JsonNode c) {
        if (!c.isObject()) {
            return new ConditionEntry(List.of(), c.asText());
        }
        checkKeys(c, CONDITION_KEYS, "condition");
        String system = text(c, "system");
        if (c.has("code") && system == null) {
            throw new Invalid("a coded condition needs its system (snomed or a URI)");
        }
        List<ClinicalCode> codes = c.has("code") ? List.of(new ClinicalCode("snomed".equals(system)
                ? ClinicalCode.SNOMED : system, c.get("code").asText(), null)) : List.of();
        return new ConditionEntry(codes, text(c, "text"));
    }

    private static AllergyEntry allergy(JsonNode a, int index) {
        if (a.isTextual()) {
            return new AllergyEntry("AllergyIntolerance/a" + index, List.of(), a.asText(), List.of("medication"), null,
                    false);
        }
        checkKeys(a, ALLERGY_KEYS, "allergy");
        List<ClinicalCode> codes = a.has("code")
                ? List.of(new ClinicalCode(ClinicalCode.RXNORM, a.get("code").asText(), text(a, "text")))
                : List.of();
        if (codes.isEmpty() && text(a, "text") == null) {
            throw new Invalid("an allergy needs a code or a text");
        }
        String category = a.has("category") ? a.get("category").asText() : "medication";
        return new AllergyEntry("AllergyIntolerance/a" + index, codes, text(a, "text"), List.of(category),
                text(a, "criticality"), false);
    }

    private static MedicationConcept concept(JsonNode m, String where) {
        if (m.isTextual()) {
            return new MedicationConcept(List.of(), m.asText());
        }
        if (!m.isObject()) {
            throw new Invalid("each entry of '" + where + "' is a drug name or a map with drug/code");
        }
        String text = text(m, "drug");
        List<ClinicalCode> codes = m.has("code")
                ? List.of(new ClinicalCode(ClinicalCode.RXNORM, m.get("code").asText(), text)) : List.of();
        if (text == null && codes.isEmpty()) {
            throw new Invalid("an entry of '" + where + "' has neither drug nor code");
        }
        return new MedicationConcept(codes, text);
    }

    private static DraftOrder order(JsonNode o, int index) {
        String ref = "MedicationRequest/order-" + index;
        if (o.isTextual()) {
            return new DraftOrder(ref, true, concept(o, "orders"), null, resource(index));
        }
        checkKeys(o, ORDER_KEYS, "order");
        MedicationConcept concept = concept(o, "orders");
        DoseInstruction dose = dose(o, "order " + index);
        String renews = null;
        if (o.has("renews")) {
            if (!o.get("renews").canConvertToInt() || o.get("renews").asInt() < 1) {
                throw new Invalid("order " + index + ": 'renews' is the number of a 'current' entry (1 for the first)");
            }
            renews = "MedicationRequest/current-" + o.get("renews").asInt();
        }
        return new DraftOrder(ref, o.path("selected").asBoolean(true), concept, dose, resource(index), renews);
    }

    /** The dose of an order or current medication ({@code dose}, {@code frequency} or {@code every}), or null. */
    private static DoseInstruction dose(JsonNode o, String what) {
        if (o.has("dose")) {
            Matcher d = DOSE.matcher(o.get("dose").asText());
            if (!d.matches()) {
                throw new Invalid("dose '" + o.get("dose").asText() + "' is not '<amount> <unit>'");
            }
            Quantity q = new Quantity(Double.parseDouble(d.group(1)), null, d.group(2));
            double[] schedule = schedule(o);
            return new DoseInstruction(q, schedule == null ? null : schedule[0], schedule != null && schedule[1] >= 7,
                    schedule == null ? null : schedule[0] * 7, text(o, "route") == null ? null
                    : text(o, "route").toLowerCase(Locale.ROOT), o.path("prn").asBoolean(false), null);
        } else if (o.has("frequency") || o.has("every")) {
            throw new Invalid(what + " has a frequency but no dose");
        } else if (text(o, "route") != null) {
            // A route without a dose still says how the drug is given (pregnancy rows can be for one route).
            return new DoseInstruction(null, null, false, null, text(o, "route").toLowerCase(Locale.ROOT),
                    o.path("prn").asBoolean(false), null);
        }
        return null;
    }

    /** [doses per day, period in days], or null when the order gives no schedule. */
    private static double[] schedule(JsonNode o) {
        if (o.has("frequency")) {
            Matcher f = FREQUENCY.matcher(o.get("frequency").asText());
            if (!f.matches()) {
                throw new Invalid("frequency '" + o.get("frequency").asText() + "' is not '<n>/h', '<n>/d' or '<n>/wk'");
            }
            double days = days(1, f.group(2));
            return new double[] {Double.parseDouble(f.group(1)) / days, days};
        }
        if (o.has("every")) {
            Matcher e = EVERY.matcher(o.get("every").asText());
            if (!e.matches()) {
                throw new Invalid("every '" + o.get("every").asText() + "' is not '<n> h', '<n> d' or '<n> wk'");
            }
            double days = days(Double.parseDouble(e.group(1)), e.group(2));
            return new double[] {1.0 / days, days};
        }
        return null;
    }

    private static double days(double n, String unit) {
        return switch (unit) {
            case "h" -> n / 24.0;
            case "wk" -> n * 7.0;
            default -> n;
        };
    }

    private static JsonNode resource(int index) {
        ObjectNode r = YAML.createObjectNode();
        r.put("resourceType", "MedicationRequest").put("id", "order-" + index).put("status", "draft");
        return r;
    }

    private static List<Expectation> expectations(JsonNode expect) {
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

    private static void checkKeys(JsonNode node, Set<String> allowed, String what) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new Invalid("unknown key '" + name + "' in " + what + " (allowed: " + new TreeSet<>(allowed) + ")");
            }
        }
    }

    private static Iterable<JsonNode> list(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new Invalid("'" + field + "' must be a list");
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new Invalid("'" + field + "' must be a number");
        }
        return v.asDouble();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
