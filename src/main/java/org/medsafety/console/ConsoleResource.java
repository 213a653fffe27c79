package org.medsafety.console;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.medsafety.security.LocalUsersGuard;

import java.net.URI;

/** Sign-in, sign-out and the start page of each role. The form itself posts to /console/j_security_check. */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    LocalUsersGuard localUsers;

    @GET
    @Authenticated
    public Response start() {
        return Response.seeOther(URI.create(ConsoleUser.of(identity).home())).build();
    }

    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance login(@QueryParam("failed") boolean failed) {
        return Pages.login(null, failed, localUsers.standingRefusal().orElse(null));
    }

    @GET
    @Path("logout")
    @Authenticated
    public TemplateInstance confirmLogout() {
        return Pages.logout(ConsoleUser.of(identity));
    }

    /** Drops the session cookie; a copy taken earlier stays valid until its idle timeout (docs/console.md). */
    @POST
    @Path("logout")
    @Authenticated
    public Response logout() {
        FormAuthenticationMechanism.logout(identity);
        return Response.seeOther(URI.create("/console/login")).build();
    }
}
