package org.medsafety.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.medsafety.config.DeploymentDefaults;
import org.medsafety.config.MedsafetyConfig;
import org.medsafety.config.PlatformSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The documented local users (auditor, pharmacist, records-officer; password = name) exist for the quick start on a
 * developer's machine, for requests made on that machine. They are refused, whatever the password:
 * <ul>
 *   <li>when the service listens on anything but loopback, or when staff sign in through OIDC, or when
 *       {@code medsafety.security.local-users=false};</li>
 *   <li>on any request that carries a proxy header: a reverse proxy on the same host talks to 127.0.0.1, so the bind
 *       address alone would let the network in. A proxy that adds no such header cannot be told apart, which is
 *       why the quick start must not sit behind one.</li>
 * </ul>
 * Token identities are never affected, whatever their name.
 */
@ApplicationScoped
public class LocalUsersGuard implements SecurityIdentityAugmentor {

    static final Set<String> LOCAL_USERS = Set.of(Roles.AUDITOR, Roles.PHARMACIST, Roles.RECORDS_OFFICER);

    /** Headers a reverse proxy adds (RFC 7239 and the de facto ones); any of them means "not from this machine". */
    static final List<String> PROXY_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Real-IP");

    private final Optional<String> standingRefusal;

    @Inject
    public LocalUsersGuard(MedsafetyConfig config, PlatformSettings platform) {
        this.standingRefusal = refusal(config.security().localUsers(), platform.http().host(),
                platform.staffSignIn() || platform.consoleSignIn());
    }

    /** Why the local users are refused on every request, if they are. */
    public Optional<String> standingRefusal() {
        return standingRefusal;
    }

    static Optional<String> refusal(boolean enabled, String host, boolean oidc) {
        if (!enabled) {
            return Optional.of("medsafety.security.local-users=false");
        }
        if (oidc) {
            return Optional.of("staff sign in through OIDC");
        }
        if (!DeploymentDefaults.isLoopback(host)) {
            return Optional.of("listening on " + host + ", not on loopback only");
        }
        return Optional.empty();
    }

    /** True when a request carries any header a reverse proxy adds. */
    static boolean viaProxy(Function<String, String> header) {
        return PROXY_HEADERS.stream().anyMatch(name -> header.apply(name) != null);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
                                         Map<String, Object> attributes) {
        if (identity.isAnonymous() || identity.getCredential(TokenCredential.class) != null
                || !LOCAL_USERS.contains(identity.getPrincipal().getName())) {
            return Uni.createFrom().item(identity);
        }
        RoutingContext request = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        // Without the HTTP request there is no way to tell where it came from: refuse.
        if (standingRefusal.isPresent() || request == null || viaProxy(request.request().headers()::get)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("local user refused"));
        }
        return Uni.createFrom().item(identity);
    }
}
