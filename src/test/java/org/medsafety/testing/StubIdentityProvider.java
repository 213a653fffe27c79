package org.medsafety.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
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

    /** Init argument: also the console's tenant (code flow), {@code quarkus.oidc.console.auth-server-url}. */
    public static final String CONSOLE = "console";

    private StaffIdentityProvider provider;
    private boolean console;

    @Override
    public void init(Map<String, String> initArgs) {
        console = Boolean.parseBoolean(initArgs.get(CONSOLE));
    }

    @Override
    public Map<String, String> start() {
        provider = StaffIdentityProvider.start(0);
        Map<String, String> config = new HashMap<>(Map.of("quarkus.oidc.auth-server-url", provider.issuer(),
                ISSUER, provider.issuer(),
                SIGNING_KEY, provider.privateJwk()));
        if (console) {
            config.put("quarkus.oidc.console.auth-server-url", provider.issuer());
        }
        return config;
    }

    @Override
    public void stop() {
        if (provider != null) {
            provider.close();
        }
    }
}
