package org.medsafety.console;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.util.Optional;
import java.util.Set;

/**
 * Refuses any state-changing request to a console resource whose form does not carry the token of its
 * {@code console-csrf} cookie. Only the console's own resources are checked: the API has its own rule for writes
 * (security/AdminWriteGuard) and is never reached with the console's cookies.
 */
public class ConsoleCsrfFilter {

    static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter
    @WithFormRead
    public Optional<Response> check(ResteasyReactiveContainerRequestContext request, SimpleResourceInfo resource,
                                    RoutingContext routing) {
        Class<?> target = resource.getResourceClass();
        if (target == null || !target.getPackageName().equals(ConsoleCsrf.class.getPackageName())
                || SAFE.contains(request.getMethod())) {
            return Optional.empty();
        }
        Cookie cookie = routing.request().getCookie(ConsoleCsrf.COOKIE);
        Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                .getFormParameter(ConsoleCsrf.FIELD, true, false);
        if (ConsoleCsrf.matches(cookie == null ? null : cookie.getValue(), field instanceof String s ? s : null)) {
            return Optional.empty();
        }
        return Optional.of(Response.status(403).type(MediaType.TEXT_PLAIN_TYPE)
                .entity("This form has expired or did not come from the console: reload the page and send it again.")
                .build());
    }
}
