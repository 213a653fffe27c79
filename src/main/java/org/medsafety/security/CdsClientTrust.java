package org.medsafety.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.config.PlatformSettings;
import org.medsafety.outbound.BoundedHttp;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a CDS Hooks call comes from a trusted EHR. With a clients file configured, every service call and
 * feedback call needs a valid client JWT; without one (the loopback quick start) calls are accepted as before. On any
 * other address {@code config.StartupSettingsCheck} stops the start without a clients file, together with every other
 * setting that is wrong; this bean refuses as well, so that on its own it could never accept calls without a token
 * off loopback.
 */
@ApplicationScoped
public class CdsClientTrust {

    /** Algorithms an operator may allow; CDS Hooks forbids none and every symmetric (HMAC) algorithm. */
    public static final Set<String> PERMITTED_ALGORITHMS = Set.of("ES384", "RS384", "ES256", "RS256");

    @Inject
    MedsafetyConfig config;

    @Inject
    TokenReplayCache replay;

    @Inject
    PlatformSettings platform;

    @Inject
    SecurityMetrics metrics;

    private volatile CdsTokenVerifier verifier;
    private String publicBase;

    void onStart(@Observes StartupEvent event) {
        Path file = config.cdsClients().file().orElse(null);
        if (file == null) {
            if (!platform.loopbackOnly()) {
                throw new IllegalStateException("Listening on " + platform.http().host() + " without "
                        + "MEDSAFETY_CDS_CLIENTS_FILE (see the settings check's message)");
            }
            Log.warn("No MEDSAFETY_CDS_CLIENTS_FILE: CDS Hooks calls are accepted without a token (loopback quick "
                    + "start only; see docs/security.md)");
            return;
        }
        publicBase = publicBase(config.publicBaseUrl().orElse(null));
        Set<String> algorithms = algorithms(config.cdsClients().algorithms());
        var c = config.cdsClients();
        BoundedHttp http = new BoundedHttp(c.jwksTimeout());
        RemoteJwks.Limits limits = new RemoteJwks.Limits(c.jwksCacheTime(), c.jwksRefetchInterval(),
                c.jwksTimeout(), c.jwksMaxSize().asLongValue());
        Map<String, CdsClient> clients = CdsClientsFile.read(file,
                url -> new RemoteJwks(url, http, limits, Clock.systemUTC()));
        verifier = new CdsTokenVerifier(clients, algorithms, c.clockSkew(), replay, Clock.systemUTC());
        Log.infof("CDS Hooks calls need a client JWT: %d trusted client(s) from %s, algorithms %s, audience %s/…",
                clients.size(), file, algorithms, publicBase);
    }

    /** True when calls must carry a client JWT. */
    public boolean required() {
        return verifier != null;
    }

    /**
     * The caller of a CDS Hooks service or feedback call, or null when no clients file is configured.
     *
     * @param authorization the Authorization header, or null
     * @param rawPath       the request path as called (e.g. /cds-services/medication-safety-sign)
     * @throws NotTrustedException (401) when a token is needed and this one is not accepted
     */
    public CdsCaller authenticate(String authorization, String rawPath) {
        CdsTokenVerifier v = verifier;
        if (v == null) {
            return null;
        }
        try {
            return v.verify(authorization, publicBase + rawPath);
        } catch (TokenRefusal refusal) {
            // The reason is for the operator; the caller learns only that the token was not accepted.
            Log.infof("CDS client token refused on %s: %s", rawPath, refusal.reason().description());
            metrics.refused(refusal.reason());
            throw new NotTrustedException(refusal.reason());
        }
    }

    /** Reads the registry of trusted EHRs without fetching anything: the start's check of the file alone. */
    public static void checkClientsFile(Path file) {
        CdsClientsFile.read(file, url -> JwksSource.pinned(List.of()));
    }

    /** The accepted algorithms; refuses any CDS Hooks does not allow, naming the setting. */
    public static Set<String> algorithms(List<String> configured) {
        Set<String> result = new LinkedHashSet<>();
        for (String alg : configured) {
            String a = alg.trim();
            if (!PERMITTED_ALGORITHMS.contains(a)) {
                throw new IllegalStateException("MEDSAFETY_CDS_CLIENTS_ALGORITHMS: '" + a + "' is not accepted; "
                        + "choose from " + PERMITTED_ALGORITHMS + " (CDS Hooks forbids none and HMAC algorithms)");
            }
            result.add(a);
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("MEDSAFETY_CDS_CLIENTS_ALGORITHMS: no algorithm is listed; keep the "
                    + "default ES384,RS384");
        }
        return Set.copyOf(result);
    }

    /** The audience prefix: an absolute http(s) URL with no query, fragment or trailing slash. */
    public static String publicBase(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("MEDSAFETY_PUBLIC_BASE_URL is required with a CDS clients file: a "
                    + "client JWT's aud must be this URL plus the path called (e.g. https://cds.hospital.org)");
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || uri.getUserInfo() != null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("MEDSAFETY_PUBLIC_BASE_URL must be an absolute http(s) URL without "
                    + "query or fragment, e.g. https://cds.hospital.org");
        }
        String base = url.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }
}
