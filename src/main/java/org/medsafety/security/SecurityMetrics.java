package org.medsafety.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * CDS client tokens refused, by reason ({@code medsafety.security.token.refusals}, reason = the
 * {@link TokenRefusal.Reason} in lower case). The caller only ever gets a bare 401; this and the log are where an
 * operator sees why: a burst of {@code expired} is a clock, {@code unknown_key} a key rotation the EHR did not
 * announce, {@code signature} or {@code replayed} something worse. Never the token, the issuer or the client.
 */
@Startup
@Singleton
public class SecurityMetrics {

    private final Map<TokenRefusal.Reason, Counter> refusals = new EnumMap<>(TokenRefusal.Reason.class);

    @Inject
    public SecurityMetrics(MeterRegistry registry) {
        for (TokenRefusal.Reason reason : TokenRefusal.Reason.values()) {
            refusals.put(reason, Counter.builder("medsafety.security.token.refusals")
                    .description("CDS Hooks client tokens refused (answered 401), by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    public void refused(TokenRefusal.Reason reason) {
        refusals.get(reason).increment();
    }
}
