package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FHIR resources one request supplied (prefetch, pages fetched from the FHIR server, contained resources),
 * indexed by type and by every name a reference may use: "Type/id", the entry's fullUrl, and "urn:uuid:id"
 * (Synthea writes {@code urn:uuid} references, EHRs write {@code Type/id}). The same resource seen twice is kept once.
 */
public final class FhirResources {

    private final Map<String, List<JsonNode>> byType = new HashMap<>();
    private final Map<String, JsonNode> byReference = new HashMap<>();
    private final Map<String, JsonNode> unique = new LinkedHashMap<>();

    /**
     * Adds a resource, or every entry of a Bundle (and of Bundles inside it). Nulls and OperationOutcomes are ignored.
     * Iterative, not recursive: Bundles nested thousands deep must not overflow the stack.
     */
    public void add(JsonNode resource) {
        Deque<Map.Entry<JsonNode, String>> pending = new ArrayDeque<>();
        pending.push(new AbstractMap.SimpleImmutableEntry<>(resource, null));
        while (!pending.isEmpty()) {
            Map.Entry<JsonNode, String> next = pending.pop();
            JsonNode r = next.getKey();
            if (r != null && r.isObject() && "Bundle".equals(r.path("resourceType").asText(""))) {
                // Pushed in reverse so that entries are added in bundle order, as before.
                List<JsonNode> entries = new ArrayList<>();
                r.path("entry").forEach(entries::add);
                for (int i = entries.size() - 1; i >= 0; i--) {
                    JsonNode entry = entries.get(i);
                    pending.push(new AbstractMap.SimpleImmutableEntry<>(entry.path("resource"),
                            entry.path("fullUrl").asText(null)));
                }
            } else {
                addOne(r, next.getValue());
            }
        }
    }

    private void addOne(JsonNode resource, String fullUrl) {
        if (resource == null || !resource.isObject()) {
            return;
        }
        String type = resource.path("resourceType").asText("");
        if (type.isEmpty() || type.equals("OperationOutcome")) {
            return;
        }
        String id = resource.path("id").asText(null);
        String key = id != null ? type + "/" + id : (fullUrl != null ? fullUrl : type + "#" + unique.size());
        if (unique.putIfAbsent(key, resource) != null) {
            return;
        }
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(resource);
        if (id != null) {
            byReference.put(type + "/" + id, resource);
            byReference.put("urn:uuid:" + id, resource);
        }
        if (fullUrl != null) {
            byReference.put(fullUrl, resource);
        }
    }

    public List<JsonNode> ofType(String type) {
        return byType.getOrDefault(type, List.of());
    }

    /**
     * Resolves a reference string: "Type/id", an absolute URL ending in "Type/id", "urn:uuid:…", or "#id" for a
     * resource contained in {@code container}.
     */
    public JsonNode resolve(String reference, JsonNode container) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        if (reference.startsWith("#") && container != null) {
            String id = reference.substring(1);
            for (JsonNode contained : container.path("contained")) {
                if (id.equals(contained.path("id").asText(null))) {
                    return contained;
                }
            }
            return null;
        }
        JsonNode direct = byReference.get(reference);
        if (direct != null) {
            return direct;
        }
        String[] parts = reference.split("/");
        if (parts.length >= 2) {
            return byReference.get(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
        }
        return null;
    }
}
