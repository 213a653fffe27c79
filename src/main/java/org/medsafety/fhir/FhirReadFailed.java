package org.medsafety.fhir;

/**
 * A FHIR read that gave no usable resource. {@link #kind()} is all anyone learns: no URL (it holds the patient id),
 * no host, port, status code or exception text, so a caller cannot use the answers to map a network.
 */
public final class FhirReadFailed extends Exception {

    /** Why a read failed, in terms safe to log. */
    public enum Kind {
        /** The call's deadline passed before the response was complete. */
        TIMEOUT,
        /** The response was larger than medsafety.fhir.max-response-size. */
        TOO_LARGE,
        /** No connection, or it broke. */
        NETWORK,
        /** The URL could not be built. */
        INVALID_URL,
        INTERRUPTED,
        /** A 3xx: redirects are never followed. */
        REDIRECTED,
        /** A 4xx (e.g. an expired token, or no such patient). */
        CLIENT_ERROR,
        /** A 5xx or any other non-2xx status. */
        SERVER_ERROR,
        /** The body is not a FHIR resource in JSON. */
        NOT_FHIR_JSON,
        /** A page with more entries than medsafety.limits.prefetch-resources. */
        TOO_MANY_ENTRIES,
        /** The call's medsafety.fhir.max-requests were used up. */
        REQUEST_BUDGET,
        /** A next link that does not lie under the request's fhirServer. */
        LINK_REFUSED
    }

    private final Kind kind;

    public FhirReadFailed(Kind kind) {
        super(kind.name(), null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
