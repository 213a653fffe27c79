package org.medsafety.security;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.medsafety.audit.AuditJournal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Each CDS client token is accepted once. The database table {@code cds_client_token} is the memory every instance
 * shares (its primary key refuses a second copy, so a token replayed against another instance is refused too);
 * this instance also remembers what it accepted, so a replay here is refused without a query, and so replays on
 * this instance are still refused while the database is unreachable. Rows and entries go once their token expired.
 */
@ApplicationScoped
public class TokenReplayCache implements ReplayGuard {

    /** Tokens live at most five minutes; this bounds memory at a sustained load of well over 1,000 calls/s. */
    static final int LOCAL_CAPACITY = 500_000;
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    EntityManager em;

    @Inject
    AuditJournal auditJournal;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private ScheduledExecutorService cleaner;

    @PostConstruct
    void start() {
        cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "token-replay-cleaner");
            t.setDaemon(true);
            return t;
        });
        cleaner.scheduleWithFixedDelay(this::forgetExpired, 1, 1, TimeUnit.MINUTES);
    }

    @PreDestroy
    void stop() {
        cleaner.shutdownNow();
    }

    @Override
    public boolean firstUse(String iss, String jti, Instant expiresAt) {
        String key = key(iss, jti);
        Instant now = Instant.now();
        if (seen.size() < LOCAL_CAPACITY || seen.containsKey(key)) {
            // Claimed atomically: of two threads presenting the same token at once, one wins here.
            boolean[] claimed = {false};
            seen.compute(key, (k, prior) -> {
                if (prior != null && prior.isAfter(now)) {
                    return prior;
                }
                claimed[0] = true;
                return expiresAt;
            });
            if (!claimed[0]) {
                return false;
            }
        }
        if (!auditJournal.databaseReachable()) {
            // The audit writer found the database unreachable: do not make every call wait for the pool's
            // acquisition timeout too. This instance's memory refuses replays here until the database answers.
            return true;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "INSERT INTO cds_client_token (token_key, expires_at) VALUES (?1, ?2)")
                    .setParameter(1, key).setParameter(2, expiresAt).executeUpdate());
            return true;
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            // The database is the shared memory; without it this instance's own memory still refuses replays here.
            Log.warnf("Token replay table unavailable (%s); replays are refused on this instance only until it "
                    + "returns", e.getClass().getSimpleName());
            return true;
        }
    }

    void forgetExpired() {
        Instant now = Instant.now();
        seen.values().removeIf(expiry -> !expiry.isAfter(now));
        try {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "DELETE FROM cds_client_token WHERE expires_at < ?1").setParameter(1, now).executeUpdate());
        } catch (RuntimeException e) {
            Log.debugf("Expired token ids not removed this time (%s)", e.getClass().getSimpleName());
        }
    }

    /** A fixed-length key: the table stores no token material, only a hash of the client and its jti. */
    static String key(String iss, String jti) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(iss.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(jti.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
