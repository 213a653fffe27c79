package org.medsafety.audit;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.config.PlatformSettings;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key that signs audit checkpoints, the public keys whose checkpoints are trusted, and the checkpoint file.
 * Off loopback a configured key is required ({@code config.StartupSettingsCheck} stops the start without one): a
 * chain whose only anchor is the database proves nothing to someone who can rewrite the database. The loopback quick
 * start generates one and says where.
 */
@ApplicationScoped
public class CheckpointKeys {

    @Inject
    MedsafetyConfig config;

    @Inject
    PlatformSettings platform;

    private AuditSigningKey signing;
    private Map<String, PublicKey> trusted;
    private CheckpointFile file;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        signing();
    }

    public synchronized AuditSigningKey signing() {
        if (signing == null) {
            load();
        }
        return signing;
    }

    /** Key id → public key, the signing key's own included. */
    public synchronized Map<String, PublicKey> trusted() {
        if (signing == null) {
            load();
        }
        return trusted;
    }

    public synchronized CheckpointFile file() {
        if (signing == null) {
            load();
        }
        return file;
    }

    private void load() {
        var audit = config.audit();
        AuditSigningKey key;
        if (audit.signingKey().isPresent()) {
            key = AuditSigningKey.read(audit.signingKey().get());
            Log.infof("Audit checkpoints are signed with key %s from %s", key.keyId(), audit.signingKey().get());
        } else if (platform.loopbackOnly()) {
            Path generated = audit.generatedSigningKey();
            key = AuditSigningKey.createIfAbsent(generated);
            Log.warnf("No MEDSAFETY_AUDIT_SIGNING_KEY: audit checkpoints are signed with key %s kept at %s (loopback "
                    + "quick start only; a hospital keeps the key away from the database and its administrators, see "
                    + "docs/auditor-guide.md)", key.keyId(), generated.toAbsolutePath());
        } else {
            // The settings check has said why, with every other problem; a key is never generated off loopback.
            throw new IllegalStateException("Listening on " + platform.http().host() + " without "
                    + "MEDSAFETY_AUDIT_SIGNING_KEY (see the settings check's message)");
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        keys.put(key.keyId(), key.publicKey());
        for (Path p : audit.checkpoints().trustedKeys().orElse(List.of())) {
            PublicKey other = AuditSigningKey.readPublic(p);
            keys.put(AuditSigningKey.keyId(other), other);
        }
        trusted = Map.copyOf(keys);
        file = new CheckpointFile(audit.checkpoints().file());
        signing = key;
    }
}
