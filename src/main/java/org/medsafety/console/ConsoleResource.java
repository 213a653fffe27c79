package org.medsafety.console;

import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.medsafety.config.PlatformSettings;
import org.medsafety.security.LocalUsersGuard;

import java.net.URI;

/**
 * Sign-in, sign-out and the start page of each role. With the local users, the login form posts to
 * /console/j_security_check; with the hospital's identity provider (docs/console.md) any console page without a
 * session leads to it, and the login page only offers the way there.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    LocalUsersGuard localUsers;

    @Inject
    PlatformSettings platform;

    @Inject
    OidcSession oidcSession;

    @GET
    @Authenticated
    public Response start() {
        return Response.seeOther(URI.create(ConsoleUser.of(identity).home())).build();
    }

    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance login(@QueryParam("failed") boolean failed) {
        if (platform.consoleSignIn()) {
            return Pages.login(null, false, null, true);
        }
        return Pages.login(null, failed, localUsers.standingRefusal().orElse(null), false);
    }

    @GET
    @Path("logout")
    @Authenticated
    public TemplateInstance confirmLogout() {
        return Pages.logout(ConsoleUser.of(identity));
    }

    /**
     * Drops the session cookie; a copy taken earlier stays valid until its idle timeout (docs/console.md). With the
     * identity provider, the console's session ends; the provider's own session is the provider's.
     */
    @POST
    @Path("logout")
    @Authenticated
    @Blocking
    public Response logout() {
        if (platform.consoleSignIn()) {
            oidcSession.logout().await().indefinitely();
        } else {
            FormAuthenticationMechanism.logout(identity);
        }
        return Response.seeOther(URI.create("/console/login")).build();
    }
}
