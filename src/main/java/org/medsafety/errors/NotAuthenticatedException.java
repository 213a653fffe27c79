package org.medsafety.errors;

/**
 * 401: the caller's credentials were not accepted. The answer says no more than that (the reason goes to the log), and
 * carries the {@code WWW-Authenticate} challenge of the scheme expected.
 */
public class NotAuthenticatedException extends ServiceException {

    private final String challenge;

    public NotAuthenticatedException(ErrorCode code, String message, String challenge) {
        super(401, code, message);
        this.challenge = challenge;
    }

    /** The {@code WWW-Authenticate} header value, e.g. {@code Bearer}. */
    public String challenge() {
        return challenge;
    }
}
