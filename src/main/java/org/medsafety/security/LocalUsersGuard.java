package org.medsafety.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.medsafety.config.MedsafetyConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The documented local users (auditor/auditor, pharmacist/pharmacist) exist for the quick start on a developer's
 * machine. Once the service listens on anything but loopback, they are refused, whatever the password.
 */
@ApplicationScoped
public class LocalUsersGuard implements SecurityIdentityAugmentor {

    static final Set<String> LOCAL_USERS = Set.of("auditor", "pharmacist");

    @ConfigProperty(name = "quarkus.http.host")
    String host;

    @Inject
    MedsafetyConfig config;

    private volatile boolean refuseLocalUsers;

    void onStart(@Observes StartupEvent event) {
        refuseLocalUsers = !config.security().localUsers() || !isLoopback(host);
        if (refuseLocalUsers) {
            Log.warnf("Listening on %s: the documented local users are refused; audit and admin endpoints need "
                    + "configured credentials", host);
        } else {
            Log.warn("Quick-start mode: listening on loopback only; CDS Hooks calls are accepted without a token and "
                    + "the local users auditor/pharmacist are enabled. Do not expose this setup.");
        }
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (refuseLocalUsers && !identity.isAnonymous() && LOCAL_USERS.contains(identity.getPrincipal().getName())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("local users are refused off loopback"));
        }
        return Uni.createFrom().item(identity);
    }

    static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
