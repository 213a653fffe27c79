package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/**
 * A validated CDS Hooks call. {@code accessToken} is transient: it is used for FHIR calls during this request and
 * is never logged, stored or returned.
 *
 * @param selections order-select's selections; null for order-sign (every draft order is in scope)
 * @param prefetch   the prefetch object's entries as sent (a JSON null value is kept: it means "no data")
 */
public record HookRequest(String hook, String hookInstance, String fhirServer, String accessToken, String userId,
                          String patientId, String encounterId, Set<String> selections, JsonNode draftOrders,
                          Map<String, JsonNode> prefetch) {

    @Override
    public String toString() {
        return "HookRequest[hook=" + hook + ", hookInstance=" + hookInstance + "]"; // no patient id, no token
    }
}
