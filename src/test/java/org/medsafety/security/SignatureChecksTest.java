package org.medsafety.security;

import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.TestEhr;

import java.security.Key;
import java.security.interfaces.ECPublicKey;

import static org.assertj.core.api.Assertions.assertThat;

/** The faster signature path accepts exactly what the JDK's accepts, and keeps one translated key per EHR key. */
class SignatureChecksTest {

    private static final String AUD = "https://cds.hospital.example/cds-services/medication-safety-sign";

    private final SignatureChecks checks = new SignatureChecks();

    private boolean verifies(String token, String alg, Key key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setProviderContext(checks.contextFor(alg));
        jws.setKey(checks.keyFor(key));
        return jws.verifySignature();
    }

    @Test
    void anEs384TokenVerifiesWithBouncyCastleAndTheSameKeyObjectIsReused() throws Exception {
        TestEhr ehr = TestEhr.es384("https://ehr.example.org");
        Key received = ehr.key().getPublicKey();
        Key first = checks.keyFor(received);
        assertThat(first).isNotSameAs(received).isInstanceOf(ECPublicKey.class);
        assertThat(first.getClass().getName()).startsWith("org.bouncycastle.");
        // The same EHR key fetched again (a JWKS refresh makes a new object) maps to the key kept the first time.
        assertThat(checks.keyFor(TestEhr.load(saved(ehr)).key().getPublicKey())).isSameAs(first);
        assertThat(verifies(ehr.token(AUD), "ES384", received)).isTrue();
    }

    @Test
    void anEs384SignatureOfAnotherKeyOrOfOtherContentIsRefused() throws Exception {
        TestEhr ehr = TestEhr.es384("https://ehr.example.org");
        TestEhr impostor = TestEhr.es384("https://ehr.example.org");
        assertThat(verifies(impostor.token(AUD), "ES384", ehr.key().getPublicKey())).isFalse();
        String[] parts = ehr.token(AUD).split("\\.");
        String otherClaims = impostor.token(AUD).split("\\.")[1];
        assertThat(verifies(parts[0] + "." + otherClaims + "." + parts[2], "ES384", ehr.key().getPublicKey()))
                .isFalse();
    }

    @Test
    void rsaKeysStayWithTheJdk() throws Exception {
        TestEhr ehr = TestEhr.rs384("https://other-ehr.example.org");
        Key received = ehr.key().getPublicKey();
        assertThat(checks.keyFor(received)).isSameAs(received);
        assertThat(checks.contextFor("RS384").getSuppliedKeyProviderContext().getSignatureProvider()).isNull();
        assertThat(verifies(ehr.token(AUD), "RS384", received)).isTrue();
    }

    private static java.nio.file.Path saved(TestEhr ehr) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("ehr", ".json");
        file.toFile().deleteOnExit();
        ehr.save(file);
        return file;
    }
}
