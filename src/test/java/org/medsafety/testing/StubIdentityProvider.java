package org.medsafety.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * The {@link StaffIdentityProvider} for Quarkus tests. Quarkus reads its discovery and keys while it boots, so this
 * starts first; the private key reaches the tests through config ({@link #SIGNING_KEY}), which works whatever class
 * loader each side runs in.
 */
public class StubIdentityProvider implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = StaffIdentityProvider.REALM;
    public static final String SIGNING_KEY = "stub-idp.signing-jwk";
    public static final String ISSUER = "stub-idp.issuer";

    private StaffIdentityProvider provider;

    @Override
    public Map<String, String> start() {
        provider = StaffIdentityProvider.start(0);
        return Map.of("quarkus.oidc.auth-server-url", provider.issuer(),
                ISSUER, provider.issuer(),
                SIGNING_KEY, provider.privateJwk());
    }

    @Override
    public void stop() {
        if (provider != null) {
            provider.close();
        }
    }
}
