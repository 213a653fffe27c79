package org.medsafety.security;

import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.NotAuthenticatedException;

/** A CDS Hooks call whose client token was not accepted: answered 401 with no detail. */
public final class NotTrustedException extends NotAuthenticatedException {

    private final TokenRefusal.Reason reason;

    NotTrustedException(TokenRefusal.Reason reason) {
        super(ErrorCode.CDS_CLIENT_NOT_TRUSTED, "the bearer token was not accepted", "Bearer");
        this.reason = reason;
    }

    /** Why, for logs and metrics only; never sent to the caller. */
    public TokenRefusal.Reason reason() {
        return reason;
    }
}
