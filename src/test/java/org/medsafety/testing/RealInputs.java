package org.medsafety.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real inputs property tests mutate: the Synthea bundles (only the resources the snapshot reads, so that each
 * try stays fast) and draft orders as the other tests build them.
 */
public final class RealInputs {

    /** Each Synthea bundle, reduced to the resource types the snapshot reads, by file name. */
    public static final Map<String, JsonNode> BUNDLES = load();

    /** Draft orders of real products with structured doses, as EvaluatorTest and the scenarios use them. */
    public static final List<ObjectNode> DRAFT_ORDERS = List.of(
            Fixtures.draftOrder("np-1", "849574", "Naproxen sodium 220 MG Oral Tablet", 1.0, "tablet", 2, 1.0, "d"),
            Fixtures.draftOrder("tr-1", null, "Tramadol Hydrochloride 50 MG Oral Tablet", 3.0, "tablet", 4, 1.0, "d"),
            Fixtures.draftOrder("amox-1", "308182", "Amoxicillin 250 MG Oral Capsule", 2.0, "capsule", 3, 1.0, "d"),
            Fixtures.draftOrder("vpa-1", null, "Valproic Acid 250 MG Oral Capsule", 1500.0, "mg", 3, 1.0, "d"),
            Fixtures.draftOrder("w-1", "855332", "Warfarin Sodium 5 MG Oral Tablet", 1.0, "tablet", 1, 1.0, "d"),
            Fixtures.draftOrder("ssri-1", null, "Sertraline 50 MG Oral Tablet", 1.0, "tablet", 1, 8.0, "h"),
            Fixtures.draftOrder("x-1", null, "Zorblaxin 10 MG Oral Tablet", null, null, null, null, null));

    private RealInputs() {
    }

    private static Map<String, JsonNode> load() {
        Map<String, JsonNode> bundles = new LinkedHashMap<>();
        for (String file : List.of(Fixtures.ABSHIRE, Fixtures.FERRY, Fixtures.BOTELLO, Fixtures.KUHLMAN, Fixtures.HALVORSON)) {
            ObjectNode bundle = Fixtures.synthea(file).deepCopy();
            ArrayNode kept = Fixtures.JSON.createArrayNode();
            for (JsonNode entry : bundle.path("entry")) {
                if (Mutations.READ_TYPES.contains(entry.path("resource").path("resourceType").asText())) {
                    kept.add(entry);
                }
            }
            bundle.set("entry", kept);
            bundles.put(file, bundle);
        }
        return Map.copyOf(bundles);
    }
}
