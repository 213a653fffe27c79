package org.medsafety.console;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The console's 403 page. Mapped for the console's own exception type only: the API's 403s stay OperationOutcomes. */
public class ConsoleErrorPages {

    @Inject
    SecurityIdentity identity;

    @ServerExceptionMapper
    public Response refused(ConsoleAccessRefused refusal) {
        return Response.status(403).type(MediaType.TEXT_HTML)
                .entity(Pages.forbidden(ConsoleUser.of(identity), refusal.neededRole()).render()).build();
    }
}
