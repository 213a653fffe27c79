package org.medsafety.security;

import io.quarkus.logging.Log;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;
import org.medsafety.outbound.BoundedHttp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A client's JWK Set fetched from its https URL: bounded in time and size, cached, and fetched again when a token
 * names a key id we do not know (key rotation), at most once per refetch interval so that a stream of tokens with
 * made-up key ids cannot make us hammer the client's server. A failed fetch keeps the keys we had.
 */
final class RemoteJwks implements JwksSource {

    /** What the fetcher needs to know, from configuration. */
    record Limits(Duration cacheTime, Duration refetchInterval, Duration timeout, long maxBytes) {
    }

    private final URI url;
    private final BoundedHttp http;
    private final Limits limits;
    private final Clock clock;

    private List<JsonWebKey> keys;
    private Instant fetchedAt;
    private Instant lastAttempt;

    RemoteJwks(URI url, BoundedHttp http, Limits limits, Clock clock) {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("a JWK Set URL must be https: " + url);
        }
        this.url = url;
        this.http = http;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public synchronized List<JsonWebKey> keys() throws TokenRefusal {
        Instant now = clock.instant();
        if (keys == null || now.isAfter(fetchedAt.plus(limits.cacheTime()))) {
            fetchIfAllowed(now);
        }
        return current();
    }

    @Override
    public synchronized List<JsonWebKey> refreshed() throws TokenRefusal {
        fetchIfAllowed(clock.instant());
        return current();
    }

    private List<JsonWebKey> current() throws TokenRefusal {
        if (keys == null) {
            throw new TokenRefusal(TokenRefusal.Reason.KEYS_UNAVAILABLE);
        }
        return keys;
    }

    private void fetchIfAllowed(Instant now) {
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(limits.refetchInterval()))) {
            return;
        }
        lastAttempt = now;
        try {
            // The deadline is wall-clock time (what the HTTP exchange runs on), not the cache's clock.
            BoundedHttp.Response response = http.get(url, Map.of("Accept", "application/json"),
                    Instant.now().plus(limits.timeout()), limits.maxBytes());
            if (!response.ok()) {
                Log.warnf("JWK Set %s answered HTTP %d; keeping the keys already known", url, response.status());
                return;
            }
            keys = ClientKeys.publicOnly(new JsonWebKeySet(new String(response.body(), StandardCharsets.UTF_8))
                    .getJsonWebKeys());
            fetchedAt = now;
        } catch (BoundedHttp.Failure e) {
            Log.warnf("JWK Set %s could not be fetched (%s); keeping the keys already known", url, e.kind());
        } catch (JoseException | RuntimeException e) {
            Log.warnf("JWK Set %s is not a valid JWK Set; keeping the keys already known", url);
        }
    }
}
