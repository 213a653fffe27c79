package org.medsafety.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medsafety.testing.TestConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which key signs the checkpoints: the configured one; a generated one on loopback only; none off it. */
class CheckpointKeysTest {

    @TempDir
    Path dir;

    private CheckpointKeys keys(String host, Map<String, String> settings) {
        CheckpointKeys k = new CheckpointKeys();
        k.config = TestConfig.with(settings);
        k.platform = TestConfig.platform(Map.of("quarkus.http.host", host));
        return k;
    }

    @Test
    void offLoopbackNoKeyIsEverGeneratedEvenIfTheSettingsCheckWereBypassed() {
        // The operator's message comes from config.SettingsCheck (SettingsCheckTest); this bean only fails closed.
        CheckpointKeys k = keys("0.0.0.0", Map.of("medsafety.audit.generated-signing-key",
                dir.resolve("generated.pem").toString()));
        assertThatThrownBy(k::signing).hasMessageContaining("MEDSAFETY_AUDIT_SIGNING_KEY");
        assertThat(dir.resolve("generated.pem")).doesNotExist();
    }

    @Test
    void onLoopbackAKeyIsGeneratedOnceAndAConfiguredKeyIsUsedWithItsTrustedPeers() throws Exception {
        Path generated = dir.resolve("data/audit-signing-key.pem");
        CheckpointKeys quickStart = keys("127.0.0.1", Map.of("medsafety.audit.generated-signing-key",
                generated.toString()));
        String id = quickStart.signing().keyId();
        assertThat(generated).exists();
        assertThat(keys("localhost", Map.of("medsafety.audit.generated-signing-key", generated.toString()))
                .signing().keyId()).isEqualTo(id);

        Path other = dir.resolve("other.pem");
        AuditSigningKey peer = AuditSigningKey.createIfAbsent(other);
        Path peerPublic = dir.resolve("other.pub.pem");
        Files.writeString(peerPublic, AuditSigningKey.publicKeyPem(peer.publicKey()));
        CheckpointKeys configured = keys("0.0.0.0", Map.of("medsafety.audit.signing-key", generated.toString(),
                "medsafety.audit.checkpoints.trusted-keys", peerPublic.toString()));
        assertThat(configured.signing().keyId()).isEqualTo(id);
        assertThat(configured.trusted()).containsOnlyKeys(id, peer.keyId());
    }
}
