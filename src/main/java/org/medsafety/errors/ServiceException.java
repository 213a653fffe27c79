package org.medsafety.errors;

/**
 * A request the service answers with an error: one subclass per HTTP status, each carrying the {@link ErrorCode}
 * of its failure kind and a message that tells the caller what to fix. The message reaches the caller, so it never
 * quotes a token, a host or an internal error; no stack trace is kept (these are answers, not bugs).
 */
public abstract class ServiceException extends RuntimeException {

    private final ErrorCode code;

    protected ServiceException(int status, ErrorCode code, String message) {
        super(message, null, false, false);
        if (code.status() != status) {
            // A code answered with another status than the one documented would break every client matching on it.
            throw new IllegalArgumentException(code + " is answered with " + code.status() + ", not " + status);
        }
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return code.status();
    }

    /** What the caller reads: the code first, so that logs and tickets quoting it can be searched. */
    public String diagnostics() {
        return code.code() + ": " + getMessage();
    }
}
