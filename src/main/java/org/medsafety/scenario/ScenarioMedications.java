package org.medsafety.scenario;

import static org.medsafety.scenario.ScenarioFields.checkKeys;
import static org.medsafety.scenario.ScenarioFields.list;
import static org.medsafety.scenario.ScenarioFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.medsafety.scenario.ScenarioFields.Invalid;
import org.medsafety.snapshot.ActiveMedication;
import org.medsafety.snapshot.ClinicalCode;
import org.medsafety.snapshot.DoseInstruction;
import org.medsafety.snapshot.DraftOrder;
import org.medsafety.snapshot.MedicationConcept;
import org.medsafety.snapshot.Quantity;
import org.medsafety.snapshot.SnapshotBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario's {@code orders} and {@code current} medications: a drug name, or a map with drug or code and a
 * dose written {@code dose: 4 tablet}, {@code frequency: 6/d} or {@code every: 8 h}.
 */
final class ScenarioMedications {

    private static final Pattern DOSE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([^\\s].*?)?\\s*");
    private static final Pattern FREQUENCY = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*/\\s*(h|d|wk)\\s*");
    private static final Pattern EVERY = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(h|d|wk)\\s*");
    private static final Set<String> ORDER_KEYS = Set.of("drug", "code", "dose", "frequency", "every", "route", "prn",
            "selected", "renews");
    private static final Set<String> CURRENT_KEYS = Set.of("drug", "code", "dose", "frequency", "every", "route", "prn",
            "status");

    private ScenarioMedications() {
    }

    /** The current medications whose status is current, numbered as written ("MedicationRequest/current-2"). */
    static List<ActiveMedication> current(JsonNode scenario) {
        List<ActiveMedication> current = new ArrayList<>();
        int i = 0;
        for (JsonNode m : list(scenario, "current")) {
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
        return current;
    }

    /** The draft orders, numbered as written ("MedicationRequest/order-1"). */
    static List<DraftOrder> orders(JsonNode scenario) {
        List<DraftOrder> orders = new ArrayList<>();
        int i = 0;
        for (JsonNode o : list(scenario, "orders")) {
            orders.add(order(o, ++i));
        }
        return orders;
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

    /** The order's FHIR resource, as a card's suggested change would edit it. */
    private static JsonNode resource(int index) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("resourceType", "MedicationRequest").put("id", "order-" + index).put("status", "draft");
        return r;
    }
}
