package org.medsafety.cdshooks;

import java.util.List;
import java.util.Map;

/** The FHIR OperationOutcome bodies of error responses (CDS Hooks 3.0 recommends them for every non-2xx). */
public final class OperationOutcomes {

    private OperationOutcomes() {
    }

    public static Map<String, Object> error(String code, String diagnostics) {
        return Map.of("resourceType", "OperationOutcome",
                "issue", List.of(Map.of("severity", "error", "code", code, "diagnostics", diagnostics)));
    }
}
