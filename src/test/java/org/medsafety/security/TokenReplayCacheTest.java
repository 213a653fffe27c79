package org.medsafety.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client token is accepted once, and the table remembers it for every instance and across a restart: written
 * before the call goes on (PostgreSQL) or within a second (embedded H2, read back at start).
 */
@QuarkusTest
class TokenReplayCacheTest {

    private static final String ISS = "https://ehr.replay.example";

    @Inject
    TokenReplayCache cache;

    @Inject
    EntityManager em;

    @Test
    void aTokenIsAcceptedOnceAndItsRowIsWritten() {
        String jti = UUID.randomUUID().toString();
        Instant expires = Instant.now().plus(5, ChronoUnit.MINUTES);
        assertThat(cache.firstUse(ISS, jti, expires)).isTrue();
        assertThat(cache.firstUse(ISS, jti, expires)).isFalse();
        cache.save(); // embedded H2 writes in the background; PostgreSQL already did
        assertThat(rows(TokenReplayCache.key(ISS, jti))).isEqualTo(1);
        assertThat(cache.firstUse(ISS, jti, expires)).isFalse();
    }

    @Test
    void aTokenAcceptedBeforeARestartIsRefusedAfterIt() {
        String jti = UUID.randomUUID().toString();
        Instant expires = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
        // What an earlier run of the service (or another instance) left in the table.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "INSERT INTO cds_client_token (token_key, expires_at) VALUES (?1, ?2)")
                .setParameter(1, TokenReplayCache.key(ISS, jti)).setParameter(2, expires).executeUpdate());
        cache.remember(); // what start does on embedded H2
        assertThat(cache.firstUse(ISS, jti, expires)).isFalse();
    }

    @Test
    void onlyAnH2DatabaseInThisProcessCountsAsEmbedded() {
        assertThat(TokenReplayCache.embeddedH2("jdbc:h2:file:./data/medsafety;WRITE_DELAY=0")).isTrue();
        assertThat(TokenReplayCache.embeddedH2("jdbc:h2:mem:medsafety;DB_CLOSE_DELAY=-1")).isTrue();
        assertThat(TokenReplayCache.embeddedH2("jdbc:h2:./data/medsafety")).isTrue();
        assertThat(TokenReplayCache.embeddedH2("jdbc:h2:tcp://db.hospital.example/medsafety")).isFalse();
        assertThat(TokenReplayCache.embeddedH2("jdbc:h2:file:./data/medsafety;AUTO_SERVER=TRUE")).isFalse();
        assertThat(TokenReplayCache.embeddedH2("jdbc:postgresql://127.0.0.1:5432/medsafety")).isFalse();
    }

    private long rows(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM cds_client_token WHERE token_key = ?1").setParameter(1, key)
                .getSingleResult()).longValue());
    }
}
