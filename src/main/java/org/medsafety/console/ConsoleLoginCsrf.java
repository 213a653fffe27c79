package org.medsafety.console;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * The CSRF token of the login form. The form posts to Quarkus's form sign-in ({@link #LOGIN_POST}, before any console
 * resource and so before {@link ConsoleCsrfFilter}); this check runs once the password is verified and refuses the
 * sign-in unless the form's token matches the {@code console-csrf} cookie the login page set (a pre-session
 * double-submit token). Another site cannot sign a browser in to an account of its choosing (login CSRF). A refused
 * sign-in leads back to the login page, as a wrong password does.
 */
@ApplicationScoped
public class ConsoleLoginCsrf implements SecurityIdentityAugmentor {

    /** {@code quarkus.http.auth.form.post-location} (application.properties); the login template posts to it. */
    static final String LOGIN_POST = "/console/j_security_check";

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
                                         Map<String, Object> attributes) {
        RoutingContext request = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        if (identity.isAnonymous() || identity.getCredential(TokenCredential.class) != null || request == null
                || request.request().method() != HttpMethod.POST
                || !LOGIN_POST.equals(request.normalizedPath())) {
            return Uni.createFrom().item(identity);
        }
        Cookie cookie = request.request().getCookie(ConsoleCsrf.COOKIE);
        String field = request.request().getFormAttribute(ConsoleCsrf.FIELD);
        if (ConsoleCsrf.matches(cookie == null ? null : cookie.getValue(), field)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("login form without its CSRF token"));
    }
}
