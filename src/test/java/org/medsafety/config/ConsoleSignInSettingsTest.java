package org.medsafety.config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's sign-in follows one environment variable: with QUARKUS_OIDC_CONSOLE_AUTH_SERVER_URL set, its tenant
 * is on and /console uses the code flow; without it, the login form. An explicit setting still wins.
 */
class ConsoleSignInSettingsTest {

    /** application.properties' console tenant keys, an environment, and the interceptor, as Quarkus stacks them. */
    private static SmallRyeConfig config(Map<String, String> env, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(PlatformSettings.class)
                .withValidateUnknown(false)
                .withInterceptors(new DeploymentDefaults())
                .withSources(new PropertiesConfigSource(Map.of("quarkus.http.host", "127.0.0.1",
                        "quarkus.http.port", "8080", "quarkus.http.limits.max-body-size", "10M",
                        "quarkus.datasource.db-kind", "h2", "quarkus.oidc.console.application-type", "web-app"),
                        "shipped", 250))
                .withSources(new PropertiesConfigSource(properties, "operator", 260))
                .withSources(new EnvConfigSource(env, 300))
                .withConverter(io.quarkus.runtime.configuration.MemorySize.class, 100,
                        new io.quarkus.runtime.configuration.MemorySizeConverter())
                .build();
    }

    @Test
    void theEnvironmentVariableSwitchesTheConsoleToTheCodeFlow() {
        SmallRyeConfig on = config(Map.of("QUARKUS_OIDC_CONSOLE_AUTH_SERVER_URL", "https://sso.example/realms/h"),
                Map.of());
        assertThat(on.getConfigMapping(PlatformSettings.class).consoleSignIn()).isTrue();
        assertThat(on.getValue("quarkus.oidc.console.tenant-enabled", Boolean.class)).isTrue();
        assertThat(on.getValue("quarkus.http.auth.permission.console.auth-mechanism", String.class)).isEqualTo("code");
        assertThat(on.getConfigMapping(PlatformSettings.class).staffSignIn()).as("the API's bearer tokens are apart")
                .isFalse();
    }

    @Test
    void withoutItTheConsoleKeepsItsLoginFormAndItsTenantIsOff() {
        SmallRyeConfig off = config(Map.of(), Map.of());
        assertThat(off.getConfigMapping(PlatformSettings.class).consoleSignIn()).isFalse();
        assertThat(off.getValue("quarkus.oidc.console.tenant-enabled", Boolean.class)).isFalse();
        assertThat(off.getValue("quarkus.http.auth.permission.console.auth-mechanism", String.class)).isEqualTo("form");
    }

    @Test
    void anExplicitMechanismWins() {
        SmallRyeConfig explicit = config(Map.of("QUARKUS_OIDC_CONSOLE_AUTH_SERVER_URL", "https://sso.example/r"),
                Map.of("quarkus.http.auth.permission.console.auth-mechanism", "form"));
        assertThat(explicit.getValue("quarkus.http.auth.permission.console.auth-mechanism", String.class))
                .isEqualTo("form");
    }
}
