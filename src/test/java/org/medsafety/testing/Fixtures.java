package org.medsafety.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test data: the Synthea bundles and small FHIR builders for draft orders. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** Christopher Abshire: warfarin, digoxin, verapamil, simvastatin; eGFR series. */
    public static final String ABSHIRE = "Christopher_Abshire_028250cc-cfc0-4dee-a771-78fde1275fcb.json";
    /** Gayla Ferry: naproxen with clopidogrel, hydrochlorothiazide. */
    public static final String FERRY = "Gayla_Ferry_259bc6c6-9c1d-43e9-bd25-7539cf07f8ac.json";
    /** Gerardo Botello: a child with a shellfish allergy. */
    public static final String BOTELLO = "Gerardo_Botello_979e317d-076b-42e4-b33c-c323229d2081.json";
    /** Dirk Kuhlman: carbamazepine, metformin ER, premixed insulin. */
    public static final String KUHLMAN = "Dirk_Kuhlman_1e503533-b8c2-42cb-a6d5-bbd7d70d07ad.json";
    /** Cruz Halvorson: simvastatin, verapamil, digoxin, clopidogrel, warfarin. */
    public static final String HALVORSON = "Cruz_Halvorson_4550efe0-f978-4387-a384-486d859fbf4c.json";

    private Fixtures() {
    }

    public static JsonNode synthea(String file) {
        return resource("/synthea/" + file);
    }

    public static JsonNode resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource from JSON text, parsed as a request body is (so 1e400 becomes Infinity, as it would in the service). */
    public static ObjectNode resourceFromJson(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Patient.id of a Synthea bundle. */
    public static String patientId(JsonNode bundle) {
        for (JsonNode entry : bundle.path("entry")) {
            if ("Patient".equals(entry.path("resource").path("resourceType").asText())) {
                return entry.path("resource").path("id").asText();
            }
        }
        throw new IllegalArgumentException("bundle has no Patient");
    }

    /** A draft MedicationRequest coded with RxNorm, optionally with a structured dose. */
    public static ObjectNode draftOrder(String id, String rxcui, String name, Double doseValue, String doseUnit,
                                        Integer frequency, Double period, String periodUnit) {
        ObjectNode mr = JSON.createObjectNode();
        mr.put("resourceType", "MedicationRequest").put("id", id).put("status", "draft").put("intent", "order");
        ObjectNode concept = mr.putObject("medicationCodeableConcept");
        if (rxcui != null) {
            concept.putArray("coding").addObject().put("system", "http://www.nlm.nih.gov/research/umls/rxnorm")
                    .put("code", rxcui).put("display", name);
        }
        concept.put("text", name);
        if (doseValue != null) {
            ObjectNode dosage = mr.putArray("dosageInstruction").addObject();
            ObjectNode quantity = dosage.putArray("doseAndRate").addObject().putObject("doseQuantity");
            quantity.put("value", doseValue);
            if (doseUnit != null) {
                quantity.put("unit", doseUnit);
            }
            if (frequency != null) {
                dosage.putObject("timing").putObject("repeat").put("frequency", frequency).put("period", period)
                        .put("periodUnit", periodUnit);
            }
        }
        return mr;
    }

    public static ObjectNode bundleOf(JsonNode... resources) {
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("resourceType", "Bundle").put("type", "collection");
        ArrayNode entries = bundle.putArray("entry");
        for (JsonNode r : resources) {
            entries.addObject().set("resource", r);
        }
        return bundle;
    }
}
