package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.InvalidRequestException;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a CDS Hooks 2.0 service request for order-select or order-sign, within the request limits.
 * Every refusal names the field and what is wrong with it (and the limit, where one was exceeded).
 */
public final class HookRequestReader {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RequestLimits limits;
    private final MedsafetyConfig.Limits max;

    public HookRequestReader(RequestLimits limits) {
        this.limits = limits;
        this.max = limits.limits();
    }

    public HookRequest read(byte[] body, CdsService service) {
        JsonNode root = limits.parse(body, "request");
        if (!root.isObject()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "the request body must be a JSON object");
        }
        String hook = requiredText(root, "hook", "hook");
        if (!hook.equals(service.hook())) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                    "hook '" + hook + "' does not match service '" + service.id()
                    + "', which answers '" + service.hook() + "'");
        }
        String hookInstance = requiredText(root, "hookInstance", "hookInstance");
        if (!UUID.matcher(hookInstance).matches()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "hookInstance must be a UUID");
        }
        String fhirServer = optionalText(root, "fhirServer", "fhirServer");
        limits.requireLength(fhirServer, max.referenceLength(), "fhirServer", "reference-length");
        String token = accessToken(root.get("fhirAuthorization"), fhirServer);
        if (fhirServer != null) {
            checkUrl(fhirServer);
        }

        JsonNode context = root.get("context");
        if (context == null || !context.isObject()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "context is required and must be an object");
        }
        String userId = requiredText(context, "userId", "context.userId");
        String patientId = requiredText(context, "patientId", "context.patientId");
        String encounterId = optionalText(context, "encounterId", "context.encounterId");
        // These are stored on the audit record: a value that does not fit is refused here, not at the database.
        limits.requireLength(userId, max.referenceLength(), "context.userId", "reference-length");
        limits.requireLength(patientId, max.idLength(), "context.patientId", "id-length");
        limits.requireLength(encounterId, max.idLength(), "context.encounterId", "id-length");
        JsonNode draftOrders = context.get("draftOrders");
        if (draftOrders == null || !draftOrders.isObject()
                || !"Bundle".equals(draftOrders.path("resourceType").asText())) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                    "context.draftOrders is required and must be a FHIR Bundle");
        }
        if (draftOrders.has("entry") && !draftOrders.get("entry").isArray()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "context.draftOrders.entry must be an array");
        }
        limits.requireAtMost(draftOrders.get("entry"), max.draftOrders(), "context.draftOrders.entry", "draft orders",
                "draft-orders");
        checkDraftOrderIds(draftOrders);
        Set<String> selections = "order-select".equals(hook) ? selections(context, draftOrders) : null;
        return new HookRequest(hook, hookInstance, fhirServer, token, userId, patientId, encounterId, selections,
                draftOrders, prefetch(root.get("prefetch")));
    }

    /** Draft orders are named on the audit record by reference: ids and fullUrls must fit. */
    private void checkDraftOrderIds(JsonNode draftOrders) {
        int i = 0;
        for (JsonNode entry : draftOrders.path("entry")) {
            JsonNode id = entry.path("resource").path("id");
            if (id.isTextual()) {
                limits.requireLength(id.textValue(), max.idLength(), "context.draftOrders.entry[" + i + "].resource.id",
                        "id-length");
            }
            JsonNode fullUrl = entry.path("fullUrl");
            if (fullUrl.isTextual()) {
                limits.requireLength(fullUrl.textValue(), max.referenceLength(),
                        "context.draftOrders.entry[" + i + "].fullUrl", "reference-length");
            }
            i++;
        }
    }

    private static String accessToken(JsonNode auth, String fhirServer) {
        if (auth == null || auth.isNull()) {
            return null;
        }
        if (!auth.isObject()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "fhirAuthorization must be an object");
        }
        if (fhirServer == null) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                    "fhirAuthorization is present, so fhirServer is required");
        }
        String token = requiredText(auth, "access_token", "fhirAuthorization.access_token");
        String type = requiredText(auth, "token_type", "fhirAuthorization.token_type");
        if (!type.equalsIgnoreCase("Bearer")) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                    "fhirAuthorization.token_type must be 'Bearer'");
        }
        return token;
    }

    private static void checkUrl(String url) {
        try {
            URI uri = URI.create(url);
            // Schemes are case-insensitive (RFC 3986); whether the server may be read is FhirClient's decision.
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("https")
                    || uri.getScheme().equalsIgnoreCase("http")) || uri.getHost() == null) {
                throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "fhirServer must be an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "fhirServer must be an http(s) URL");
        }
    }

    /** Selections must be references ("MedicationRequest/103") to resources in draftOrders. */
    private Set<String> selections(JsonNode context, JsonNode draftOrders) {
        JsonNode selections = context.get("selections");
        if (selections == null || !selections.isArray()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                    "context.selections is required for order-select and must be an array");
        }
        limits.requireAtMost(selections, max.draftOrders(), "context.selections", "selections", "draft-orders");
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
                throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                        "context.selections[" + i + "] must be a reference string");
            }
            if (!inBundle.contains(s.asText())) {
                throw new InvalidRequestException(ErrorCode.INVALID_REQUEST,
                        "context.selections[" + i + "] '" + shortKey(s.asText())
                        + "' is not a resource in context.draftOrders");
            }
            result.add(s.asText());
            i++;
        }
        return result;
    }

    private Map<String, JsonNode> prefetch(JsonNode prefetch) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        if (prefetch == null || prefetch.isNull()) {
            return result;
        }
        if (!prefetch.isObject()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "prefetch must be an object");
        }
        prefetch.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (!v.isNull() && !(v.isObject() && v.hasNonNull("resourceType"))) {
                throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, "prefetch." + shortKey(e.getKey())
                        + " must be a FHIR resource, a Bundle, or null");
            }
            limits.requireAtMost(v.get("entry"), max.prefetchResources(), "prefetch." + shortKey(e.getKey()) + ".entry",
                    "resources", "prefetch-resources");
            result.put(e.getKey(), v);
        });
        return result;
    }

    /** The caller's text (a prefetch key, a selection) is quoted in messages only in part. */
    private static String shortKey(String key) {
        return key.length() <= 64 ? key : key.substring(0, 63) + "…";
    }

    private static String requiredText(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, path + " is required");
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, path + " must be a non-empty string");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new InvalidRequestException(ErrorCode.INVALID_REQUEST, path + " must be a non-empty string");
        }
        return v.asText();
    }
}
