package org.medsafety.security;

/**
 * A CDS client token that was not accepted. The caller only ever learns that (401); the reason is for the
 * operator's log, and never carries the token.
 */
public final class TokenRefusal extends Exception {

    /** Why, in words an operator can act on; stable names, usable as a metric label. */
    public enum Reason {
        MISSING("no bearer token"),
        MALFORMED("not a signed JWT"),
        ALGORITHM("signature algorithm not accepted"),
        TYPE("typ header is not JWT"),
        UNKNOWN_ISSUER("iss is not a registered client"),
        MISSING_KEY_ID("no kid header"),
        UNKNOWN_KEY("kid is not among the client's keys"),
        JKU_NOT_ALLOWED("jku is not on the client's allow-list"),
        KEYS_UNAVAILABLE("the client's key set could not be fetched"),
        SIGNATURE("signature does not verify"),
        AUDIENCE("aud is not this endpoint"),
        EXPIRED("expired"),
        LIFETIME("exp is more than 5 minutes ahead"),
        ISSUED_IN_FUTURE("iat is in the future"),
        TOO_OLD("iat is too long ago"),
        MISSING_CLAIM("a required claim (exp, iat, jti, iss, aud) is missing"),
        TENANT("tenant is not allowed for this client"),
        REPLAYED("jti was already used"),
        INVALID("claims do not validate");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Reason reason;

    public TokenRefusal(Reason reason) {
        super(reason.description(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
