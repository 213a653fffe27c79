package org.medsafety.security;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.medsafety.audit.AuditJournal;
import org.medsafety.config.PlatformSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Each CDS client token is accepted once. The database table {@code cds_client_token} is the memory every instance
 * shares (its primary key refuses a second copy, so a token replayed against another instance is refused too);
 * this instance also remembers what it accepted, so a replay here is refused without a query, and so replays on
 * this instance are still refused while the database is unreachable. Rows and entries go once their token expired.
 *
 * <p>What a call pays for this is kept small, because it sits in the prescriber's click path:
 * <ul>
 * <li>PostgreSQL (shared by instances): the row is inserted before the call goes on, as before, but its commit does
 *     not wait for the WAL flush ({@code synchronous_commit} off for that transaction only). Other instances see
 *     the row at once; only a database crash in the next fraction of a second could forget it, and this instance's
 *     memory still refuses the token then.</li>
 * <li>An embedded H2 database (a file or memory URL) is open in this process only, so this instance's memory is
 *     already every instance's memory: accepted tokens are written to the table in the background about once a
 *     second, and read back at start, so that a restart does not forget them. An H2 server URL is treated as
 *     shared, like PostgreSQL.</li>
 * </ul>
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

    @Inject
    PlatformSettings platform;

    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    /** Embedded H2 only: tokens accepted in memory and not yet written to the table. */
    private final ConcurrentLinkedQueue<Accepted> unsaved = new ConcurrentLinkedQueue<>();
    private boolean embedded;
    private ScheduledExecutorService cleaner;

    private record Accepted(String key, Instant expiresAt) {
    }

    @PostConstruct
    void start() {
        embedded = !platform.postgresql()
                && platform.datasource().jdbc().url().map(TokenReplayCache::embeddedH2).orElse(false);
        if (embedded) {
            remember();
        }
        cleaner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "token-replay-cleaner");
            t.setDaemon(true);
            return t;
        });
        cleaner.scheduleWithFixedDelay(this::forgetExpired, 1, 1, TimeUnit.MINUTES);
        if (embedded) {
            cleaner.scheduleWithFixedDelay(this::save, 1, 1, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        cleaner.shutdownNow();
        if (embedded) {
            save();
        }
    }

    /** An H2 URL whose database lives in this process (a file or memory), not an H2 server other instances share. */
    static boolean embeddedH2(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = url.substring("jdbc:h2:".length());
        String upper = rest.toUpperCase(java.util.Locale.ROOT);
        return !(upper.startsWith("TCP:") || upper.startsWith("SSL:") || upper.replace(" ", "")
                .contains("AUTO_SERVER=TRUE"));
    }

    /** Embedded H2: the tokens accepted before a restart, still unexpired, are refused after it too. */
    void remember() {
        try {
            Instant now = Instant.now();
            List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "SELECT token_key, expires_at FROM cds_client_token WHERE expires_at >= ?1")
                    .setParameter(1, now).setMaxResults(LOCAL_CAPACITY).getResultList());
            for (Object row : rows) {
                Object[] columns = (Object[]) row;
                seen.put((String) columns[0], instant(columns[1]));
            }
        } catch (RuntimeException e) {
            Log.warnf("Accepted client tokens could not be read back at start (%s); tokens accepted before the "
                    + "restart are refused again only once the database answers", e.getClass().getSimpleName());
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected expiry type " + value.getClass().getName());
    }

    /** Embedded H2: writes the tokens accepted since the last time, in one transaction. */
    synchronized void save() {
        List<Accepted> batch = new ArrayList<>();
        for (Accepted a; (a = unsaved.poll()) != null; ) {
            batch.add(a);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (Accepted a : batch) {
                    em.createNativeQuery("MERGE INTO cds_client_token (token_key, expires_at) KEY (token_key) "
                            + "VALUES (?1, ?2)").setParameter(1, a.key()).setParameter(2, a.expiresAt())
                            .executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            // Memory still refuses them; written when the database answers. Expired ones need no row, which also
            // bounds what waits here to the tokens of the last few minutes.
            Instant now = Instant.now();
            batch.stream().filter(a -> a.expiresAt().isAfter(now)).forEach(unsaved::add);
            Log.debugf("Accepted client tokens not written this time (%s)", e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean firstUse(String iss, String jti, Instant expiresAt) {
        String key = key(iss, jti);
        Instant now = Instant.now();
        boolean remembered = seen.size() < LOCAL_CAPACITY || seen.containsKey(key);
        if (remembered) {
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
        if (embedded && remembered) {
            unsaved.add(new Accepted(key, expiresAt));
            return true;
        }
        if (!auditJournal.databaseReachable()) {
            // The audit writer found the database unreachable: do not make every call wait for the pool's
            // acquisition timeout too. This instance's memory refuses replays here until the database answers.
            return true;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (platform.postgresql()) {
                    // Not worth a WAL flush in the click path: see the class comment.
                    em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
                }
                em.createNativeQuery("INSERT INTO cds_client_token (token_key, expires_at) VALUES (?1, ?2)")
                        .setParameter(1, key).setParameter(2, expiresAt).executeUpdate();
            });
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
