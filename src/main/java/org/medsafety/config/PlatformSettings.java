package org.medsafety.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/**
 * The few Quarkus settings the service's own code reads, typed, in one place; Quarkus owns their defaults and their
 * documentation (docs/configuration.md lists those an operator sets). A partial mapping under {@code quarkus}: each
 * method names one key and nothing else under the prefix is claimed.
 */
@ConfigMapping(prefix = "quarkus")
public interface PlatformSettings {

    Http http();

    Datasource datasource();

    Oidc oidc();

    interface Http {
        /** The address listened on: loopback is the quick start, anything else a production deployment. */
        String host();

        /** The port listened on. */
        int port();

        HttpLimits limits();
    }

    interface HttpLimits {
        /** The largest request body; a larger one gets a 413 OperationOutcome. */
        MemorySize maxBodySize();
    }

    interface Datasource {
        /** {@code h2} or {@code postgresql}, fixed when the application is built. */
        String dbKind();

        Jdbc jdbc();
    }

    interface Jdbc {
        /** The JDBC URL; an embedded H2 file database is forced to disk after each audit write. */
        Optional<String> url();
    }

    interface Oidc {
        /** The identity provider's issuer URL; set, staff sign in with its bearer tokens. */
        Optional<String> authServerUrl();

        Token token();

        /** The web console's own tenant (authorization code flow), {@code quarkus.oidc.console.*}. */
        ConsoleTenant console();
    }

    interface ConsoleTenant {
        /** The identity provider's issuer URL for the console; set, staff sign in to /console through it. */
        Optional<String> authServerUrl();
    }

    interface Token {
        /** The audience staff tokens must carry. */
        Optional<List<String>> audience();
    }

    /** True when the service runs on PostgreSQL (the {@code -Ppostgres} build). */
    default boolean postgresql() {
        return "postgresql".equals(datasource().dbKind());
    }

    /** True when staff sign-in through OIDC is configured. */
    default boolean staffSignIn() {
        return oidc().authServerUrl().filter(url -> !url.isBlank()).isPresent();
    }

    /** True when the web console signs staff in through the identity provider (code flow) instead of its form. */
    default boolean consoleSignIn() {
        return oidc().console().authServerUrl().filter(url -> !url.isBlank()).isPresent();
    }

    /** True when the service listens on loopback only: the quick start. */
    default boolean loopbackOnly() {
        return DeploymentDefaults.isLoopback(http().host());
    }
}
