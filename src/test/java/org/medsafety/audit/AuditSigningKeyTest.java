package org.medsafety.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The checkpoint signing key: made by OpenSSL as docs/auditor-guide.md says, read by the service, and its signatures
 * checked by OpenSSL offline with nothing but the public key and the signed text.
 */
class AuditSigningKeyTest {

    @TempDir
    Path dir;

    static boolean openssl() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }

    @Test
    void aKeyMadeByOpensslSignsCheckpointsOpensslVerifiesOffline() throws Exception {
        assumeTrue(openssl(), "openssl is not installed");
        run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", "audit-signing-key.pem");
        AuditSigningKey key = AuditSigningKey.read(dir.resolve("audit-signing-key.pem"));

        // The key id, as the guide computes it: SHA-256 of the public key's DER, first 16 hex digits.
        run(dir, "openssl", "pkey", "-in", "audit-signing-key.pem", "-pubout", "-outform", "DER", "-out", "pub.der");
        String expectedId = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve("pub.der")))).substring(0, 16);
        assertThat(key.keyId()).isEqualTo(expectedId);

        SignedCheckpoint c = new SignedCheckpoint(7L, "signed", "evaluation", 1234, "ab".repeat(32),
                Instant.parse("2026-03-01T10:15:30.123456Z"), null, key.keyId());
        String signature = key.sign(c.text());
        Files.writeString(dir.resolve("checkpoint.txt"), c.text(), StandardCharsets.UTF_8);
        Files.write(dir.resolve("checkpoint.sig"), Base64.getDecoder().decode(signature));
        Files.writeString(dir.resolve("pub.pem"), AuditSigningKey.publicKeyPem(key.publicKey()));
        run(dir, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "checkpoint.txt",
                "-sigfile", "checkpoint.sig");

        assertThat(AuditSigningKey.verify(key.publicKey(), c.text(), signature)).isTrue();
        assertThat(AuditSigningKey.verify(key.publicKey(), c.text().replace("1234", "1235"), signature)).isFalse();
        assertThat(AuditSigningKey.verify(key.publicKey(), c.text(), "not base64!")).isFalse();
    }

    @Test
    void theQuickStartKeyIsMadeOnceReadableByItsOwnerOnlyAndKept() throws Exception {
        Path pem = dir.resolve("data/audit-signing-key.pem");
        AuditSigningKey made = AuditSigningKey.createIfAbsent(pem);
        assertThat(Files.getPosixFilePermissions(pem)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(AuditSigningKey.createIfAbsent(pem).keyId()).isEqualTo(made.keyId());
        assertThat(AuditSigningKey.read(pem).keyId()).isEqualTo(made.keyId());
        try (var files = Files.list(pem.getParent())) {
            assertThat(files).containsExactly(pem); // no temporary file left behind
        }
    }

    @Test
    void aFileThatIsNotAnEd25519PrivateKeyIsRefusedWithHowToMakeOne() throws Exception {
        Path pem = dir.resolve("key.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> AuditSigningKey.read(pem)).hasMessageContaining("openssl genpkey -algorithm ed25519");
        assertThatThrownBy(() -> AuditSigningKey.read(dir.resolve("missing.pem")))
                .hasMessageContaining("MEDSAFETY_AUDIT_SIGNING_KEY");
    }
}
