package org.medsafety.testing;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.util.List;
import java.util.Map;

/** Staff access tokens as an identity provider would issue them, signed with jose4j. */
public final class StaffTokens {

    private final RsaJsonWebKey key;
    private final String issuer;

    public StaffTokens(String privateJwk, String issuer) {
        try {
            this.key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(privateJwk);
        } catch (JoseException e) {
            throw new IllegalArgumentException(e);
        }
        this.issuer = issuer;
    }

    /** Claims of a valid token for this audience: Keycloak's shape, roles under realm_access.roles. */
    public JwtClaims claims(String username, String audience, List<String> realmRoles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("id-" + username);
        claims.setClaim("preferred_username", username);
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setClaim("realm_access", Map.of("roles", realmRoles));
        return claims;
    }

    public String sign(JwtClaims claims) {
        return sign(claims, key);
    }

    /** The same claims signed by a key the identity provider never published. */
    public static String signWithUnknownKey(JwtClaims claims) {
        try {
            RsaJsonWebKey other = RsaJwkGenerator.generateJwk(2048);
            other.setKeyId("stub-key-1");
            return sign(claims, other);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
