package org.medsafety.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Quarkus settings whose safe default depends on other settings, which plain properties cannot express:
 * <ul>
 *   <li>{@code quarkus.oidc.tenant-enabled}: staff sign-in is on exactly when {@code QUARKUS_OIDC_AUTH_SERVER_URL}
 *       is set (Quarkus refuses to start with OIDC enabled and no server);</li>
 *   <li>the web console's sign-in: with {@code QUARKUS_OIDC_CONSOLE_AUTH_SERVER_URL} set, its tenant
 *       ({@code quarkus.oidc.console.tenant-enabled}) is on and {@code /console} signs in through the identity
 *       provider's authorization code flow ({@code quarkus.http.auth.permission.console.auth-mechanism=code});
 *       otherwise with the login form of the local users;</li>
 *   <li>{@code quarkus.http.cors.origins}: {@code MEDSAFETY_CORS_ORIGINS} when set; otherwise any origin in the
 *       loopback quick start (a browser-based test EHR on the developer's machine) and none off loopback.</li>
 * </ul>
 * A value set explicitly for the Quarkus key itself always wins.
 */
@Priority(Priorities.APPLICATION)
public class DeploymentDefaults implements ConfigSourceInterceptor {

    static final String OIDC_ENABLED = "quarkus.oidc.tenant-enabled";
    static final String OIDC_URL = "quarkus.oidc.auth-server-url";
    static final String CONSOLE_OIDC_ENABLED = "quarkus.oidc.console.tenant-enabled";
    static final String CONSOLE_OIDC_URL = "quarkus.oidc.console.auth-server-url";
    static final String CONSOLE_MECHANISM = "quarkus.http.auth.permission.console.auth-mechanism";
    static final String CORS_ORIGINS = "quarkus.http.cors.origins";
    static final String MEDSAFETY_CORS_ORIGINS = "medsafety.cors.origins";
    static final String HTTP_HOST = "quarkus.http.host";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (OIDC_ENABLED.equals(name) && !explicit(value)) {
            return derived(name, Boolean.toString(present(context.proceed(OIDC_URL))));
        }
        if (CONSOLE_OIDC_ENABLED.equals(name) && !explicit(value)) {
            return derived(name, Boolean.toString(present(context.proceed(CONSOLE_OIDC_URL))));
        }
        if (CONSOLE_MECHANISM.equals(name) && !explicit(value)) {
            return derived(name, present(context.proceed(CONSOLE_OIDC_URL)) ? "code" : "form");
        }
        if (CORS_ORIGINS.equals(name) && !explicit(value)) {
            ConfigValue configured = context.proceed(MEDSAFETY_CORS_ORIGINS);
            if (present(configured)) {
                return derived(name, configured.getValue());
            }
            ConfigValue host = context.proceed(HTTP_HOST);
            return isLoopback(host == null ? null : host.getValue()) ? derived(name, "/.*/") : null;
        }
        return value;
    }

    private static boolean explicit(ConfigValue value) {
        // Extension defaults live in a source of the lowest ordinal; anything above was set by someone.
        return value != null && value.getConfigSourceOrdinal() > Integer.MIN_VALUE;
    }

    private static boolean present(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static ConfigValue derived(String name, String value) {
        return ConfigValue.builder().withName(name).withValue(value).withRawValue(value)
                .withConfigSourceName("medsafety deployment defaults").withConfigSourceOrdinal(1).build();
    }

    /** True for loopback addresses and "localhost"; a name that does not resolve is not loopback. */
    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
