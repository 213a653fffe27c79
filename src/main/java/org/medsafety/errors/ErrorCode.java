package org.medsafety.errors;

/**
 * Every kind of failure the service answers, each with a code that never changes meaning (as HAPI FHIR numbers its
 * messages): integrators and operators match on the code, not on the wording, which may improve. A code is never
 * reused for another failure; retire one by leaving it here, unused. docs/errors.md lists them all (a test holds the
 * two together). Codes are grouped by hundreds per HTTP status only to make the list easy to read.
 */
public enum ErrorCode {

    INVALID_REQUEST("MS-1001", 400, "invalid", "Invalid request content"),
    MALFORMED_BODY("MS-1002", 400, "invalid", "Body is not usable JSON"),
    REQUEST_OVER_LIMIT("MS-1003", 400, "too-costly", "Request over a limit"),
    INVALID_PARAMETER("MS-1004", 400, "invalid", "Invalid query parameter or header"),
    INVALID_RULESET_ARCHIVE("MS-1005", 400, "invalid", "Invalid ruleset archive"),

    CDS_CLIENT_NOT_TRUSTED("MS-1101", 401, "login", "CDS client token not accepted"),
    NOT_AUTHENTICATED("MS-1102", 401, "login", "Authentication required"),

    ROLE_NOT_ALLOWED("MS-1201", 403, "forbidden", "Not allowed for this role"),
    ADMIN_WRITE_CROSS_SITE("MS-1202", 403, "forbidden", "Cross-site admin change refused"),
    ADMIN_WRITE_WITHOUT_MARKER("MS-1203", 403, "forbidden", "Admin change without X-Requested-By"),

    UNKNOWN_SERVICE("MS-1301", 404, "not-found", "Unknown CDS service"),
    UNKNOWN_CARD("MS-1302", 404, "not-found", "Unknown card"),
    UNKNOWN_EVALUATION("MS-1303", 404, "not-found", "Unknown evaluation"),
    UNKNOWN_RULESET_VERSION("MS-1304", 404, "not-found", "Unknown ruleset version"),
    UNKNOWN_TUNING("MS-1305", 404, "not-found", "No such local tuning"),
    UNKNOWN_PATH("MS-1306", 404, "not-found", "No such endpoint"),

    METHOD_NOT_ALLOWED("MS-1401", 405, "invalid", "Method not allowed"),
    NOT_ACCEPTABLE("MS-1402", 406, "invalid", "Response type not available"),
    UNSUPPORTED_MEDIA_TYPE("MS-1403", 415, "invalid", "Unsupported content type"),

    RULESET_CHANGED("MS-1501", 409, "conflict", "Active ruleset changed meanwhile"),
    ACTIVE_RULESET_NOT_STORED("MS-1502", 409, "conflict", "Active ruleset not stored"),

    REQUIRED_DATA_NOT_SENT("MS-1601", 412, "processing", "Required data not prefetched"),
    REQUIRED_DATA_NOT_READ("MS-1602", 412, "processing", "Required data could not be read"),

    BODY_TOO_LARGE("MS-1701", 413, "too-costly", "Body too large"),

    RULESET_DOES_NOT_COMPILE("MS-1801", 422, "invalid", "Ruleset does not compile"),
    RETENTION_BELOW_FLOOR("MS-1802", 422, "business-rule", "Retention below the legal floor"),

    INTERNAL_ERROR("MS-1901", 500, "exception", "Internal error"),

    NOT_RECORDED("MS-2001", 503, "transient", "Audit trail cannot take the record"),
    DATABASE_UNREACHABLE("MS-2002", 503, "transient", "Database unreachable");

    /** The system URI of these codes in {@code OperationOutcome.issue.details.coding}. */
    public static final String SYSTEM = "urn:medsafety:error-code";

    private final String code;
    private final int status;
    private final String issueCode;
    private final String title;

    ErrorCode(String code, int status, String issueCode, String title) {
        this.code = code;
        this.status = status;
        this.issueCode = issueCode;
        this.title = title;
    }

    /** The stable code, e.g. {@code MS-1001}. */
    public String code() {
        return code;
    }

    /** The HTTP status the failure is answered with. */
    public int status() {
        return status;
    }

    /** The FHIR OperationOutcome issue code (invalid, not-found, processing, …). */
    public String issueCode() {
        return issueCode;
    }

    /** A short title, the coding's display. */
    public String title() {
        return title;
    }
}
