package org.medsafety.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.config.PlatformSettings;

import java.util.Optional;

/** Says at start, plainly, how staff can reach /admin and /audit in this deployment and what that leaves open. */
@ApplicationScoped
public class StaffAccessNotice {

    @Inject
    LocalUsersGuard localUsers;

    @Inject
    MedsafetyConfig config;

    @Inject
    PlatformSettings platform;

    void onStart(@Observes StartupEvent event) {
        if (platform.consoleSignIn()) {
            Log.infof("Console sign-in: authorization code flow with %s on /console, roles from the claim '%s' of "
                    + "the ID token only", platform.oidc().console().authServerUrl().get(), config.staff().rolesClaim());
        }
        if (platform.staffSignIn()) {
            Log.infof("Staff sign-in: OIDC bearer tokens from %s on /admin and /audit, roles from the claim '%s' "
                    + "only; the local users are refused", platform.oidc().authServerUrl().get(),
                    config.staff().rolesClaim());
            if (platform.oidc().token().audience().isEmpty()) {
                Log.warn("No token audience is required (QUARKUS_OIDC_TOKEN_AUDIENCE): a token the identity provider "
                        + "issued to any of its clients is accepted here if it carries a role");
            }
            return;
        }
        Optional<String> refused = localUsers.standingRefusal();
        if (refused.isPresent()) {
            Log.warnf("The local users are refused (%s) and no staff sign-in is configured: /admin and /audit answer "
                    + "401 to everyone but users added to the properties realm; set QUARKUS_OIDC_AUTH_SERVER_URL",
                    refused.get());
            return;
        }
        // Whether CDS Hooks calls need a token is CdsClientTrust's to say (a clients file may be set on loopback too).
        Log.warn("Quick-start mode: listening on loopback only; the "
                + "local users auditor, pharmacist and records-officer (password = name) are accepted on requests "
                + "that carry no proxy header (Forwarded, X-Forwarded-For, ...). A reverse proxy that adds none of "
                + "them would expose these users to the network: do not put one in front of this setup.");
    }
}
