package org.medsafety.security;

/** A CDS Hooks call whose client token was not accepted: answered 401 with no detail. */
public final class NotTrustedException extends RuntimeException {

    private final TokenRefusal.Reason reason;

    NotTrustedException(TokenRefusal.Reason reason) {
        super("the bearer token was not accepted", null, false, false);
        this.reason = reason;
    }

    /** Why, for logs and metrics only; never sent to the caller. */
    public TokenRefusal.Reason reason() {
        return reason;
    }
}
