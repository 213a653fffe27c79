package org.medsafety.cdshooks;

/** A request the service will not evaluate; the message tells the caller exactly what to fix. */
public class InvalidRequestException extends RuntimeException {

    private final int status;
    private final String issueCode;

    public InvalidRequestException(int status, String issueCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.issueCode = issueCode;
    }

    public static InvalidRequestException badRequest(String message) {
        return new InvalidRequestException(400, "invalid", message);
    }

    public int status() {
        return status;
    }

    /** FHIR OperationOutcome issue code (invalid, not-found, processing, …). */
    public String issueCode() {
        return issueCode;
    }
}
