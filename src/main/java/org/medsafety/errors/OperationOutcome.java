package org.medsafety.errors;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The body of every error answer: a FHIR R4 OperationOutcome (CDS Hooks recommends one for every non-2xx). The
 * stable code is in {@code issue[0].details.coding} (system {@link ErrorCode#SYSTEM}) and begins the diagnostics.
 */
@JsonPropertyOrder({"resourceType", "issue"})
public record OperationOutcome(String resourceType, List<Issue> issue) {

    @Schema(name = "OperationOutcomeIssue")
    @JsonPropertyOrder({"severity", "code", "details", "diagnostics"})
    public record Issue(String severity, String code, Details details, String diagnostics) {
    }

    @Schema(name = "OperationOutcomeDetails", description = "The stable error code (docs/errors.md)")
    public record Details(List<Coding> coding) {
    }

    @Schema(name = "ErrorCoding")
    @JsonPropertyOrder({"system", "code", "display"})
    public record Coding(String system, String code, String display) {
    }

    public static OperationOutcome of(ErrorCode code, String message) {
        return new OperationOutcome("OperationOutcome", List.of(new Issue("error", code.issueCode(),
                new Details(List.of(new Coding(ErrorCode.SYSTEM, code.code(), code.title()))),
                code.code() + ": " + message)));
    }

    public static OperationOutcome of(ServiceException e) {
        return of(e.code(), e.getMessage());
    }
}
