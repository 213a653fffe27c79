package org.medsafety.security;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.TestEhr;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medsafety.testing.TestEhr.bearer;

/** Each rule of CDS Hooks 2.0 "Trusting CDS Clients", with tokens signed by keys generated here. */
class CdsTokenVerifierTest {

    static final String SIGN = "https://cds.hospital.example/cds-services/medication-safety-sign";
    static final String DISCOVERY = "https://cds.hospital.example/cds-services";

    private final TestEhr ehr = TestEhr.es384("https://ehr.example.org");
    private final TestEhr other = TestEhr.rs384("https://other-ehr.example.org");
    private final Set<String> seen = new HashSet<>();
    private final ReplayGuard memory = (iss, jti, exp) -> seen.add(iss + "|" + jti);

    private CdsTokenVerifier verifier(Set<String> algorithms, CdsClient... clients) {
        Map<String, CdsClient> byIss = new java.util.HashMap<>();
        for (CdsClient c : clients) {
            byIss.put(c.iss(), c);
        }
        return new CdsTokenVerifier(byIss, algorithms, Duration.ofSeconds(30), memory, Clock.systemUTC());
    }

    private CdsTokenVerifier verifier() {
        return verifier(Set.of("ES384", "RS384"), pinned(ehr), pinned(other));
    }

    private static CdsClient pinned(TestEhr e) {
        return new CdsClient(e.iss(), JwksSource.pinned(keysOf(e)), Map.of(), Set.of());
    }

    private static List<JsonWebKey> keysOf(TestEhr e) {
        try {
            return new JsonWebKeySet(e.jwks().toString()).getJsonWebKeys();
        } catch (org.jose4j.lang.JoseException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private void refused(String authorization, String audience, TokenRefusal.Reason reason) {
        refused(verifier(), authorization, audience, reason);
    }

    private static void refused(CdsTokenVerifier v, String authorization, String audience, TokenRefusal.Reason reason) {
        assertThatThrownBy(() -> v.verify(authorization, audience)).isInstanceOfSatisfying(TokenRefusal.class,
                r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void anEs384TokenFromARegisteredClientIsAccepted() throws Exception {
        CdsCaller caller = verifier().verify(bearer(ehr.token(SIGN)), SIGN);
        assertThat(caller.iss()).isEqualTo("https://ehr.example.org");
        assertThat(caller.tenant()).isNull();
    }

    @Test
    void anRs384TokenIsAcceptedAndItsTenantIsKept() throws Exception {
        CdsCaller caller = verifier().verify(bearer(other.token(SIGN, c -> c.setClaim("tenant", "north-campus"),
                h -> { })), SIGN);
        assertThat(caller).isEqualTo(new CdsCaller("https://other-ehr.example.org", "north-campus"));
    }

    @Test
    void audMayBeAnArrayThatHoldsTheEndpoint() throws Exception {
        String token = ehr.token(SIGN, c -> c.setAudience(DISCOVERY, SIGN), h -> { });
        assertThat(verifier().verify(bearer(token), SIGN).iss()).isEqualTo(ehr.iss());
    }

    @Test
    void noTokenOrNotABearerTokenIsRefused() {
        refused(null, SIGN, TokenRefusal.Reason.MISSING);
        refused("Basic YWRtaW46YWRtaW4=", SIGN, TokenRefusal.Reason.MISSING);
        refused("Bearer not-a-jwt", SIGN, TokenRefusal.Reason.MALFORMED);
        refused("Bearer " + "a".repeat(20_000), SIGN, TokenRefusal.Reason.MALFORMED);
    }

    @Test
    void algNoneIsRefused() {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(ehr.claims(SIGN).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setKeyIdHeaderValue(ehr.kid());
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        refused(bearer(serialise(jws)), SIGN, TokenRefusal.Reason.ALGORITHM);
    }

    @Test
    void hmacIsRefusedEvenKeyedWithTheClientsOwnPublicKey() {
        // The classic confusion attack: HS256 with the public key's bytes as the shared secret.
        byte[] publicKeyBytes = ehr.key().getPublicKey().getEncoded();
        for (String alg : List.of(AlgorithmIdentifiers.HMAC_SHA256, AlgorithmIdentifiers.HMAC_SHA384,
                AlgorithmIdentifiers.HMAC_SHA512)) {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(ehr.claims(SIGN).toJson());
            jws.setAlgorithmHeaderValue(alg);
            jws.setKeyIdHeaderValue(ehr.kid());
            jws.setKey(new HmacKey(java.util.Arrays.copyOf(publicKeyBytes, 64)));
            jws.setDoKeyValidation(false);
            refused(bearer(serialise(jws)), SIGN, TokenRefusal.Reason.ALGORITHM);
        }
    }

    @Test
    void es256AndRs256OnlyWhenConfigured() throws Exception {
        // ES256 needs a P-256 key: generate one registered as this client's.
        org.jose4j.jwk.PublicJsonWebKey p256 = org.jose4j.jwk.EcJwkGenerator.generateJwk(
                org.jose4j.keys.EllipticCurves.P256);
        p256.setKeyId("p256");
        CdsClient client = new CdsClient(ehr.iss(), JwksSource.pinned(List.of(p256)), Map.of(), Set.of());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(ehr.claims(SIGN).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue("p256");
        jws.setKey(p256.getPrivateKey());
        String token = serialise(jws);
        refused(verifier(Set.of("ES384", "RS384"), client), bearer(token), SIGN, TokenRefusal.Reason.ALGORITHM);
        assertThat(verifier(Set.of("ES384", "RS384", "ES256"), client).verify(bearer(token), SIGN).iss())
                .isEqualTo(ehr.iss());
    }

    @Test
    void anExpiredTokenIsRefused() {
        long now = Instant.now().getEpochSecond();
        refused(bearer(ehr.token(SIGN, c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now - 900));
            c.setExpirationTime(NumericDate.fromSeconds(now - 600));
        }, h -> { })), SIGN, TokenRefusal.Reason.EXPIRED);
    }

    @Test
    void anExpHoursAheadIsRefused() {
        long now = Instant.now().getEpochSecond();
        refused(bearer(ehr.token(SIGN, c -> c.setExpirationTime(NumericDate.fromSeconds(now + 3 * 3600)),
                h -> { })), SIGN, TokenRefusal.Reason.LIFETIME);
    }

    @Test
    void anIatInTheFutureIsRefused() {
        long now = Instant.now().getEpochSecond();
        refused(bearer(ehr.token(SIGN, c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now + 120));
            c.setExpirationTime(NumericDate.fromSeconds(now + 240));
        }, h -> { })), SIGN, TokenRefusal.Reason.ISSUED_IN_FUTURE);
    }

    @Test
    void anIatFromHoursAgoIsRefusedEvenIfExpIsNear() {
        long now = Instant.now().getEpochSecond();
        refused(bearer(ehr.token(SIGN, c -> c.setIssuedAt(NumericDate.fromSeconds(now - 2 * 3600)), h -> { })),
                SIGN, TokenRefusal.Reason.TOO_OLD);
    }

    @Test
    void aWrongAudienceIsRefused() {
        refused(bearer(ehr.token(DISCOVERY)), SIGN, TokenRefusal.Reason.AUDIENCE);
        refused(bearer(ehr.token("https://cds.hospital.example/cds-services/medication-safety-select")), SIGN,
                TokenRefusal.Reason.AUDIENCE);
        refused(bearer(ehr.token("https://evil.example/cds-services/medication-safety-sign")), SIGN,
                TokenRefusal.Reason.AUDIENCE);
    }

    @Test
    void anUnknownIssuerIsRefused() {
        refused(bearer(TestEhr.es384("https://stranger.example").token(SIGN)), SIGN,
                TokenRefusal.Reason.UNKNOWN_ISSUER);
    }

    @Test
    void anUnknownKidIsRefused() {
        refused(bearer(ehr.token(SIGN, c -> { }, h -> h.setKeyIdHeaderValue("rotated-away"))), SIGN,
                TokenRefusal.Reason.UNKNOWN_KEY);
        refused(bearer(ehr.token(SIGN, c -> { }, h -> h.getHeaders().setObjectHeaderValue("kid", null))), SIGN,
                TokenRefusal.Reason.MISSING_KEY_ID);
    }

    @Test
    void aTokenNamingOneClientButSignedWithAnothersKeyIsRefused() {
        // iss of the first client, signed with the second client's key under its own kid: not the first client's key.
        refused(bearer(other.sign(ehr.claims(SIGN), h -> { })), SIGN, TokenRefusal.Reason.UNKNOWN_KEY);
        // iss and kid of the first client, signed with someone else's P-384 key.
        TestEhr impostor = TestEhr.es384(ehr.iss());
        refused(bearer(signedWith(impostor, ehr, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384)), SIGN,
                TokenRefusal.Reason.SIGNATURE);
    }

    @Test
    void alteredClaimsBreakTheSignature() {
        String token = ehr.token(SIGN);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("\"jti\":\"", "\"jti\":\"x");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        refused(bearer(altered), SIGN, TokenRefusal.Reason.SIGNATURE);
    }

    @Test
    void requiredClaimsMustBePresent() {
        refused(bearer(ehr.token(SIGN, c -> c.unsetClaim("jti"), h -> { })), SIGN, TokenRefusal.Reason.MISSING_CLAIM);
        refused(bearer(ehr.token(SIGN, c -> c.unsetClaim("exp"), h -> { })), SIGN, TokenRefusal.Reason.MISSING_CLAIM);
        refused(bearer(ehr.token(SIGN, c -> c.unsetClaim("iat"), h -> { })), SIGN, TokenRefusal.Reason.MISSING_CLAIM);
        refused(bearer(ehr.token(SIGN, c -> c.unsetClaim("aud"), h -> { })), SIGN, TokenRefusal.Reason.AUDIENCE);
        refused(bearer(ehr.token(SIGN, c -> c.unsetClaim("iss"), h -> { })), SIGN, TokenRefusal.Reason.MISSING_CLAIM);
    }

    @Test
    void aTokenIsUsedOnce() throws Exception {
        CdsTokenVerifier v = verifier();
        String token = ehr.token(SIGN);
        v.verify(bearer(token), SIGN);
        refused(v, bearer(token), SIGN, TokenRefusal.Reason.REPLAYED);
    }

    @Test
    void aForgedTokenDoesNotUseUpARealJti() throws Exception {
        CdsTokenVerifier v = verifier();
        String jti = "shared-jti";
        refused(v, bearer(ehr.token(DISCOVERY, c -> c.setJwtId(jti), h -> { })), SIGN, TokenRefusal.Reason.AUDIENCE);
        assertThat(v.verify(bearer(ehr.token(SIGN, c -> c.setJwtId(jti), h -> { })), SIGN).iss()).isEqualTo(ehr.iss());
    }

    @Test
    void aJkuIsHonouredOnlyFromTheAllowList() throws Exception {
        TestEhr rotated = TestEhr.es384(ehr.iss());
        String allowed = "https://ehr.example.org/.well-known/jwks.json";
        CdsClient client = new CdsClient(ehr.iss(), JwksSource.pinned(keysOf(ehr)),
                Map.of(allowed, JwksSource.pinned(keysOf(rotated))), Set.of());
        CdsTokenVerifier v = verifier(Set.of("ES384", "RS384"), client);
        assertThat(v.verify(bearer(rotated.token(SIGN, c -> { }, h -> h.setHeader("jku", allowed))), SIGN).iss())
                .isEqualTo(ehr.iss());
        refused(v, bearer(rotated.token(SIGN, c -> { },
                h -> h.setHeader("jku", "https://attacker.example/jwks.json"))), SIGN, TokenRefusal.Reason.JKU_NOT_ALLOWED);
    }

    @Test
    void aRotatedKeyIsFoundAfterTheKeySetIsFetchedAgain() throws Exception {
        TestEhr rotated = TestEhr.es384(ehr.iss());
        List<JsonWebKey> before = keysOf(ehr);
        List<JsonWebKey> after = new ArrayList<>(keysOf(ehr));
        after.addAll(keysOf(rotated));
        int[] fetches = {0};
        JwksSource remote = new JwksSource() {
            @Override
            public List<JsonWebKey> keys() {
                return before;
            }

            @Override
            public List<JsonWebKey> refreshed() {
                fetches[0]++;
                return after;
            }
        };
        CdsTokenVerifier v = verifier(Set.of("ES384"), new CdsClient(ehr.iss(), remote, Map.of(), Set.of()));
        assertThat(v.verify(bearer(rotated.token(SIGN)), SIGN).iss()).isEqualTo(ehr.iss());
        assertThat(fetches[0]).isEqualTo(1);
    }

    @Test
    void aTenantOutsideTheClientsListIsRefused() throws Exception {
        CdsClient client = new CdsClient(ehr.iss(), JwksSource.pinned(keysOf(ehr)), Map.of(), Set.of("north"));
        CdsTokenVerifier v = verifier(Set.of("ES384"), client);
        assertThat(v.verify(bearer(ehr.token(SIGN, c -> c.setClaim("tenant", "north"), h -> { })), SIGN).tenant())
                .isEqualTo("north");
        refused(v, bearer(ehr.token(SIGN, c -> c.setClaim("tenant", "south"), h -> { })), SIGN,
                TokenRefusal.Reason.TENANT);
        refused(v, bearer(ehr.token(SIGN)), SIGN, TokenRefusal.Reason.TENANT);
    }

    @Test
    void aTypOtherThanJwtIsRefused() {
        refused(bearer(ehr.token(SIGN, c -> { }, h -> h.setHeader("typ", "at+jwt"))), SIGN, TokenRefusal.Reason.TYPE);
    }

    /** A token with {@code claimant}'s iss and kid, signed with {@code signer}'s private key. */
    private static String signedWith(TestEhr signer, TestEhr claimant, String alg) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claimant.claims(SIGN).toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue(claimant.kid());
        jws.setKey(signer.key().getPrivateKey());
        jws.setDoKeyValidation(false);
        return serialise(jws);
    }

    private static String serialise(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
