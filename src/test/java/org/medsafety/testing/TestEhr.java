package org.medsafety.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import static org.medsafety.testing.Fixtures.JSON;

/**
 * An EHR acting as a CDS client: its own key pair, generated here (ES384 or RS384), and the signed JWTs it sends
 * with each call, as CDS Hooks 2.0 describes them. Tests change one thing at a time to see it refused.
 */
public final class TestEhr {

    private final String iss;
    private final PublicJsonWebKey key;
    private final String alg;

    private TestEhr(String iss, PublicJsonWebKey key, String alg) {
        this.iss = iss;
        this.key = key;
        this.alg = alg;
    }

    /** An EHR signing with ES384 (P-384), as the CDS Hooks Sandbox does. */
    public static TestEhr es384(String iss) {
        try {
            PublicJsonWebKey k = EcJwkGenerator.generateJwk(EllipticCurves.P384);
            k.setKeyId(iss.replaceAll("\\W", "") + "-es384-" + UUID.randomUUID().toString().substring(0, 8));
            return new TestEhr(iss, k, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EHR signing with RS384 (2048-bit RSA), as Epic documents. */
    public static TestEhr rs384(String iss) {
        try {
            PublicJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId(iss.replaceAll("\\W", "") + "-rs384-" + UUID.randomUUID().toString().substring(0, 8));
            return new TestEhr(iss, k, AlgorithmIdentifiers.RSA_USING_SHA384);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps this EHR (private key included) in a file, so that a test profile and its tests share it. */
    public void save(Path file) {
        try {
            ObjectNode saved = JSON.createObjectNode();
            saved.put("iss", iss).put("alg", alg);
            saved.set("key", JSON.readTree(key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)));
            Files.createDirectories(file.getParent());
            Files.writeString(file, saved.toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EHR kept by {@link #save(Path)}. */
    public static TestEhr load(Path file) {
        try {
            var saved = JSON.readTree(Files.readString(file));
            PublicJsonWebKey k = PublicJsonWebKey.Factory.newPublicJwk(saved.get("key").toString());
            return new TestEhr(saved.get("iss").asText(), k, saved.get("alg").asText());
        } catch (java.io.IOException | JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public String iss() {
        return iss;
    }

    public String kid() {
        return key.getKeyId();
    }

    public PublicJsonWebKey key() {
        return key;
    }

    /** The public half as a JWK Set document. */
    public ObjectNode jwks() {
        ObjectNode set = JSON.createObjectNode();
        try {
            set.putArray("keys").add(JSON.readTree(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return set;
    }

    /** This EHR's entry in a clients file, with its keys pinned. */
    public ObjectNode registration() {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("iss", iss);
        entry.set("jwks", jwks());
        return entry;
    }

    /** Writes a clients file registering these EHRs with pinned keys. */
    public static Path clientsFile(TestEhr... ehrs) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode clients = root.putArray("clients");
        for (TestEhr ehr : ehrs) {
            clients.add(ehr.registration());
        }
        try {
            Path file = Files.createTempFile("cds-clients", ".json");
            Files.writeString(file, root.toPrettyString());
            file.toFile().deleteOnExit();
            return file;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims a well-behaved client sends: iss, aud, iat now, exp in five minutes, a fresh jti. */
    public JwtClaims claims(String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(iss);
        claims.setAudience(audience);
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 300));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    /** A valid token for {@code audience}. */
    public String token(String audience) {
        return token(audience, c -> { }, jws -> { });
    }

    /** A token for {@code audience} after changing its claims and its header. */
    public String token(String audience, Consumer<JwtClaims> claims, Consumer<JsonWebSignature> header) {
        JwtClaims c = claims(audience);
        claims.accept(c);
        return sign(c, header);
    }

    /** Signs arbitrary claims with this EHR's key (header: alg, kid, typ JWT, then {@code header}'s changes). */
    public String sign(JwtClaims claims, Consumer<JsonWebSignature> header) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "JWT");
        header.accept(jws);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
