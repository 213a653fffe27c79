package org.medsafety.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;

import static org.medsafety.testing.Fixtures.JSON;

/** Builds CDS Hooks requests the way an EHR would, from a Synthea patient bundle. */
public final class HookRequests {

    private HookRequests() {
    }

    /** Every prefetch key of our services, answered from the patient's bundle as searchset Bundles. */
    public static ObjectNode prefetchFrom(JsonNode patientBundle) {
        ObjectNode prefetch = JSON.createObjectNode();
        String patientId = Fixtures.patientId(patientBundle);
        for (JsonNode entry : patientBundle.path("entry")) {
            if (entry.path("resource").path("id").asText().equals(patientId)) {
                prefetch.set("patient", entry.path("resource"));
            }
        }
        prefetch.set("medications", searchset(patientBundle, "MedicationRequest", null));
        prefetch.set("allergies", searchset(patientBundle, "AllergyIntolerance", null));
        prefetch.set("conditions", searchset(patientBundle, "Condition", null));
        prefetch.set("weight", searchset(patientBundle, "Observation", "29463-7"));
        prefetch.set("height", searchset(patientBundle, "Observation", "8302-2"));
        prefetch.set("creatinine", searchset(patientBundle, "Observation", "38483-4"));
        prefetch.set("egfr", searchset(patientBundle, "Observation", "33914-3"));
        prefetch.set("gestationalAge", searchset(patientBundle, "Observation", "49051-6"));
        return prefetch;
    }

    public static ObjectNode searchset(JsonNode bundle, String type, String loinc) {
        ObjectNode result = JSON.createObjectNode();
        result.put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = result.putArray("entry");
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode r = entry.path("resource");
            if (!type.equals(r.path("resourceType").asText())) {
                continue;
            }
            if (loinc != null && !loinc.equals(r.path("code").path("coding").path(0).path("code").asText())) {
                continue;
            }
            entries.addObject().put("fullUrl", entry.path("fullUrl").asText()).set("resource", r);
        }
        result.put("total", entries.size());
        return result;
    }

    /** An order-sign request for the patient with the given draft orders and prefetch. */
    public static ObjectNode orderSign(String patientId, JsonNode prefetch, JsonNode... draftOrders) {
        ObjectNode request = base("order-sign", patientId, draftOrders);
        if (prefetch != null) {
            request.set("prefetch", prefetch);
        }
        return request;
    }

    /** An order-select request selecting the given references. */
    public static ObjectNode orderSelect(String patientId, JsonNode prefetch, List<String> selections,
                                         JsonNode... draftOrders) {
        ObjectNode request = base("order-select", patientId, draftOrders);
        ArrayNode s = ((ObjectNode) request.get("context")).putArray("selections");
        selections.forEach(s::add);
        if (prefetch != null) {
            request.set("prefetch", prefetch);
        }
        return request;
    }

    private static ObjectNode base(String hook, String patientId, JsonNode... draftOrders) {
        ObjectNode request = JSON.createObjectNode();
        request.put("hook", hook).put("hookInstance", UUID.randomUUID().toString());
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/example").put("patientId", patientId).put("encounterId", "enc-1");
        context.set("draftOrders", Fixtures.bundleOf(draftOrders));
        return request;
    }
}
