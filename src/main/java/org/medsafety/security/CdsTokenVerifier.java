package org.medsafety.security;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies the JWT a CDS client sends with every call, as CDS Hooks 2.0 "Trusting CDS Clients" requires: a
 * registered {@code iss}, signed (ES384 or RS384 unless configured otherwise; never {@code none} or HMAC) by one of
 * that same client's keys (by {@code kid}; a {@code jku} only from the client's allow-list), {@code aud} naming the
 * endpoint called, {@code exp} present and at most 5 minutes ahead, {@code iat} not in the future, and a
 * {@code jti} used once. Plain Java: jose4j does the cryptography and claim checks.
 */
final class CdsTokenVerifier {

    /** CDS Hooks: "the exp … SHALL NOT be more than 5 minutes in the future". */
    static final int MAX_LIFETIME_MINUTES = 5;
    /** Tokens are meant to be used at once; one issued longer ago than this is refused. */
    static final Duration MAX_AGE = Duration.ofHours(1);
    /** A JWT with a 4 kB RSA signature is about 1 kB of claims and 700 bytes of signature; anything far larger is not one. */
    static final int MAX_TOKEN_LENGTH = 16_384;
    /** jti and tenant are stored (the tenant on the audit record); longer values are not plausible. */
    static final int MAX_CLAIM_LENGTH = 200;

    private static final JwtConsumer UNVERIFIED = new JwtConsumerBuilder().setSkipAllValidators()
            .setDisableRequireSignature().setSkipSignatureVerification().build();

    private final Map<String, CdsClient> clients;
    private final Set<String> algorithms;
    private final int skewSeconds;
    private final ReplayGuard replay;
    private final Clock clock;
    private final SignatureChecks signatures = new SignatureChecks();

    CdsTokenVerifier(Map<String, CdsClient> clients, Set<String> algorithms, Duration skew, ReplayGuard replay,
                     Clock clock) {
        this.clients = Map.copyOf(clients);
        this.algorithms = Set.copyOf(algorithms);
        this.skewSeconds = (int) skew.toSeconds();
        this.replay = replay;
        this.clock = clock;
    }

    /**
     * @param authorization the Authorization header as received, or null
     * @param audience      the URL called: the public base URL plus the request path
     */
    CdsCaller verify(String authorization, String audience) throws TokenRefusal {
        String token = bearer(authorization);
        JwtContext context;
        try {
            context = UNVERIFIED.process(token);
        } catch (InvalidJwtException e) {
            throw new TokenRefusal(TokenRefusal.Reason.MALFORMED);
        }
        JsonWebSignature jws = onlySignature(context);
        String alg = jws.getAlgorithmHeaderValue();
        if (alg == null || !algorithms.contains(alg)) {
            throw new TokenRefusal(TokenRefusal.Reason.ALGORITHM);
        }
        if (jws.getKeyIdHeaderValue() == null) {
            throw new TokenRefusal(TokenRefusal.Reason.MISSING_KEY_ID);
        }
        CdsClient client = clients.get(issuer(context.getJwtClaims()));
        if (client == null) {
            throw new TokenRefusal(TokenRefusal.Reason.UNKNOWN_ISSUER);
        }
        KeyResolver keys = new KeyResolver(client, signatures);
        try {
            consumer(client, audience, keys, alg).processContext(context);
        } catch (InvalidJwtException e) {
            throw new TokenRefusal(keys.refusal != null ? keys.refusal : reason(e));
        }
        JwtClaims claims = context.getJwtClaims();
        String tenant = optionalClaim(claims, "tenant");
        if (!client.tenants().isEmpty() && (tenant == null || !client.tenants().contains(tenant))) {
            throw new TokenRefusal(TokenRefusal.Reason.TENANT);
        }
        String jti = optionalClaim(claims, "jti");
        if (!replay.firstUse(client.iss(), jti, expiry(claims))) {
            throw new TokenRefusal(TokenRefusal.Reason.REPLAYED);
        }
        return new CdsCaller(client.iss(), tenant);
    }

    private static String bearer(String authorization) throws TokenRefusal {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenRefusal(TokenRefusal.Reason.MISSING);
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRefusal(TokenRefusal.Reason.MALFORMED);
        }
        return token;
    }

    /** A JWS, and only a JWS: no encrypted or nested tokens, no unsecured JWT. */
    private static JsonWebSignature onlySignature(JwtContext context) throws TokenRefusal {
        List<JsonWebStructure> objects = context.getJoseObjects();
        if (objects.size() != 1 || !(objects.get(0) instanceof JsonWebSignature jws)) {
            throw new TokenRefusal(TokenRefusal.Reason.MALFORMED);
        }
        return jws;
    }

    private static String issuer(JwtClaims claims) throws TokenRefusal {
        try {
            String iss = claims.getIssuer();
            if (iss == null) {
                throw new TokenRefusal(TokenRefusal.Reason.MISSING_CLAIM);
            }
            return iss;
        } catch (MalformedClaimException e) {
            throw new TokenRefusal(TokenRefusal.Reason.MALFORMED);
        }
    }

    private JwtConsumer consumer(CdsClient client, String audience, VerificationKeyResolver keys, String alg) {
        return new JwtConsumerBuilder()
                .setJwsProviderContext(signatures.contextFor(alg))
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .setAllowedClockSkewInSeconds(skewSeconds)
                .setRequireExpirationTime()
                .setMaxFutureValidityInMinutes(MAX_LIFETIME_MINUTES)
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(skewSeconds, (int) MAX_AGE.toSeconds())
                .setRequireJwtId()
                .setExpectedIssuer(true, client.iss())
                .setExpectedAudience(true, audience)
                .setExpectedType(false, "JWT")
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        algorithms.toArray(String[]::new)))
                .setVerificationKeyResolver(keys)
                .build();
    }

    private static TokenRefusal.Reason reason(InvalidJwtException e) {
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return TokenRefusal.Reason.SIGNATURE;
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRED)) {
            return TokenRefusal.Reason.EXPIRED;
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_TOO_FAR_IN_FUTURE)) {
            return TokenRefusal.Reason.LIFETIME;
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return TokenRefusal.Reason.ISSUED_IN_FUTURE;
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
            return TokenRefusal.Reason.TOO_OLD;
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return TokenRefusal.Reason.AUDIENCE;
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING) || e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)
                || e.hasErrorCode(ErrorCodes.JWT_ID_MISSING) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return TokenRefusal.Reason.MISSING_CLAIM;
        }
        if (e.hasErrorCode(ErrorCodes.TYPE_INVALID)) {
            return TokenRefusal.Reason.TYPE;
        }
        if (e.hasErrorCode(ErrorCodes.MALFORMED_CLAIM) || e.hasErrorCode(ErrorCodes.JSON_INVALID)) {
            return TokenRefusal.Reason.MALFORMED;
        }
        return TokenRefusal.Reason.INVALID;
    }

    private static String optionalClaim(JwtClaims claims, String name) throws TokenRefusal {
        Object value = claims.getClaimValue(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || s.isBlank() || s.length() > MAX_CLAIM_LENGTH) {
            throw new TokenRefusal(TokenRefusal.Reason.MALFORMED);
        }
        return s;
    }

    private static Instant expiry(JwtClaims claims) throws TokenRefusal {
        try {
            return Instant.ofEpochSecond(claims.getExpirationTime().getValue());
        } catch (MalformedClaimException | RuntimeException e) {
            throw new TokenRefusal(TokenRefusal.Reason.MALFORMED);
        }
    }

    /**
     * Finds the signing key among the keys of the client the token names, and only there: a token naming client A
     * but signed with client B's key finds no key. Remembers why it failed, for the log.
     */
    private static final class KeyResolver implements VerificationKeyResolver {
        private final CdsClient client;
        private final SignatureChecks signatures;
        private TokenRefusal.Reason refusal;

        KeyResolver(CdsClient client, SignatureChecks signatures) {
            this.client = client;
            this.signatures = signatures;
        }

        @Override
        public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext)
                throws UnresolvableKeyException {
            JwksSource source = client.keys();
            String jku = jws.getHeader("jku");
            if (jku != null) {
                source = client.jku().get(jku);
                if (source == null) {
                    throw refuse(TokenRefusal.Reason.JKU_NOT_ALLOWED);
                }
            }
            try {
                JsonWebKey key = select(jws, source.keys());
                if (key == null) {
                    key = select(jws, source.refreshed()); // the client may have rotated its keys
                }
                if (key == null) {
                    throw refuse(TokenRefusal.Reason.UNKNOWN_KEY);
                }
                return signatures.keyFor(((PublicJsonWebKey) key).getPublicKey());
            } catch (TokenRefusal e) {
                throw refuse(e.reason());
            }
        }

        /** The key with the token's kid (CDS Hooks requires one), if its type suits the algorithm. */
        private static JsonWebKey select(JsonWebSignature jws, List<JsonWebKey> keys) {
            String kid = jws.getKeyIdHeaderValue();
            List<JsonWebKey> named = keys.stream().filter(k -> kid.equals(k.getKeyId())).toList();
            if (named.isEmpty()) {
                return null;
            }
            try {
                return new VerificationJwkSelector().select(jws, named);
            } catch (JoseException e) {
                return null;
            }
        }

        private UnresolvableKeyException refuse(TokenRefusal.Reason reason) {
            refusal = reason;
            return new UnresolvableKeyException(reason.description());
        }
    }
}
