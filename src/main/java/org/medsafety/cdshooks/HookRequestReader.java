package org.medsafety.cdshooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a CDS Hooks 2.0 service request for order-select or order-sign. Every refusal names the
 * field and what is wrong with it.
 */
public final class HookRequestReader {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ObjectMapper json;

    public HookRequestReader(ObjectMapper json) {
        this.json = json;
    }

    public HookRequest read(byte[] body, CdsService service) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            throw InvalidRequestException.badRequest("the request body must be a JSON object");
        }
        String hook = requiredText(root, "hook", "hook");
        if (!hook.equals(service.hook())) {
            throw InvalidRequestException.badRequest("hook '" + hook + "' does not match service '" + service.id()
                    + "', which answers '" + service.hook() + "'");
        }
        String hookInstance = requiredText(root, "hookInstance", "hookInstance");
        if (!UUID.matcher(hookInstance).matches()) {
            throw InvalidRequestException.badRequest("hookInstance must be a UUID");
        }
        String fhirServer = optionalText(root, "fhirServer", "fhirServer");
        String token = accessToken(root.get("fhirAuthorization"), fhirServer);
        if (fhirServer != null) {
            checkUrl(fhirServer);
        }

        JsonNode context = root.get("context");
        if (context == null || !context.isObject()) {
            throw InvalidRequestException.badRequest("context is required and must be an object");
        }
        String userId = requiredText(context, "userId", "context.userId");
        String patientId = requiredText(context, "patientId", "context.patientId");
        String encounterId = optionalText(context, "encounterId", "context.encounterId");
        JsonNode draftOrders = context.get("draftOrders");
        if (draftOrders == null || !draftOrders.isObject()
                || !"Bundle".equals(draftOrders.path("resourceType").asText())) {
            throw InvalidRequestException.badRequest("context.draftOrders is required and must be a FHIR Bundle");
        }
        if (draftOrders.has("entry") && !draftOrders.get("entry").isArray()) {
            throw InvalidRequestException.badRequest("context.draftOrders.entry must be an array");
        }
        Set<String> selections = "order-select".equals(hook) ? selections(context, draftOrders) : null;
        return new HookRequest(hook, hookInstance, fhirServer, token, userId, patientId, encounterId, selections,
                draftOrders, prefetch(root.get("prefetch")));
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidRequestException.badRequest("the request body is empty; a CDS Hooks request is JSON");
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw InvalidRequestException.badRequest("the request body is not valid JSON"
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
        } catch (java.io.IOException e) {
            throw InvalidRequestException.badRequest("the request body could not be read");
        }
    }

    private static String accessToken(JsonNode auth, String fhirServer) {
        if (auth == null || auth.isNull()) {
            return null;
        }
        if (!auth.isObject()) {
            throw InvalidRequestException.badRequest("fhirAuthorization must be an object");
        }
        if (fhirServer == null) {
            throw InvalidRequestException.badRequest("fhirAuthorization is present, so fhirServer is required");
        }
        String token = requiredText(auth, "access_token", "fhirAuthorization.access_token");
        String type = requiredText(auth, "token_type", "fhirAuthorization.token_type");
        if (!type.equalsIgnoreCase("Bearer")) {
            throw InvalidRequestException.badRequest("fhirAuthorization.token_type must be 'Bearer'");
        }
        return token;
    }

    private static void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            // Schemes are case-insensitive (RFC 3986); whether the server may be read is FhirClient's decision.
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("https")
                    || uri.getScheme().equalsIgnoreCase("http")) || uri.getHost() == null) {
                throw InvalidRequestException.badRequest("fhirServer must be an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.badRequest("fhirServer must be an http(s) URL");
        }
    }

    /** Selections must be references ("MedicationRequest/103") to resources in draftOrders. */
    private static Set<String> selections(JsonNode context, JsonNode draftOrders) {
        JsonNode selections = context.get("selections");
        if (selections == null || !selections.isArray()) {
            throw InvalidRequestException.badRequest("context.selections is required for order-select and must be an array");
        }
        Set<String> inBundle = new HashSet<>();
        for (JsonNode entry : draftOrders.path("entry")) {
            JsonNode r = entry.path("resource");
            if (r.hasNonNull("id")) {
                inBundle.add(r.path("resourceType").asText() + "/" + r.path("id").asText());
            }
            if (entry.hasNonNull("fullUrl")) {
                inBundle.add(entry.path("fullUrl").asText());
            }
        }
        Set<String> result = new HashSet<>();
        int i = 0;
        for (JsonNode s : selections) {
            if (!s.isTextual() || s.asText().isBlank()) {
                throw InvalidRequestException.badRequest("context.selections[" + i + "] must be a reference string");
            }
            if (!inBundle.contains(s.asText())) {
                throw InvalidRequestException.badRequest("context.selections[" + i + "] '" + s.asText()
                        + "' is not a resource in context.draftOrders");
            }
            result.add(s.asText());
            i++;
        }
        return result;
    }

    private static Map<String, JsonNode> prefetch(JsonNode prefetch) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        if (prefetch == null || prefetch.isNull()) {
            return result;
        }
        if (!prefetch.isObject()) {
            throw InvalidRequestException.badRequest("prefetch must be an object");
        }
        prefetch.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (!v.isNull() && !(v.isObject() && v.hasNonNull("resourceType"))) {
                throw InvalidRequestException.badRequest("prefetch." + e.getKey()
                        + " must be a FHIR resource, a Bundle, or null");
            }
            result.put(e.getKey(), v);
        });
        return result;
    }

    private static String requiredText(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw InvalidRequestException.badRequest(path + " is required");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw InvalidRequestException.badRequest(path + " must be a non-empty string");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw InvalidRequestException.badRequest(path + " must be a non-empty string");
        }
        return v.asText();
    }
}
