package org.medsafety.security;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.ErrorResponses;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * No cross-site request can change anything through the admin API. A browser sends a form, a text/plain body or
 * no body to another site without asking, with the user's cached Basic credentials; a JSON, zip or octet-stream
 * body, or a custom header, only after a CORS preflight, and this service never lets a cross-origin request carry
 * credentials ({@code Access-Control-Allow-Credentials} is not granted) nor allows that header. So every POST, PUT,
 * PATCH or DELETE of a resource under /admin must carry one of those bodies or the header {@code X-Requested-By}
 * (any value), and one the browser marks {@code Sec-Fetch-Site: cross-site} is refused outright. The resource
 * matched is what counts, not the raw path, so path tricks cannot step around the rule.
 */
public class AdminWriteGuard {

    public static final String HEADER = "X-Requested-By";

    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final Set<String> NON_FORM_TYPES = Set.of("application/json", "application/zip",
            "application/octet-stream");

    static final String CROSS_SITE = "cross-site requests may not change anything through the admin API";
    static final String SEND_HEADER = "a state-changing admin request must send the header " + HEADER
            + " (any value) or a JSON, zip or octet-stream body; forms and plain text are refused";

    @ServerRequestFilter
    public Optional<Response> refuseCrossSiteWrites(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (!isAdmin(resource.getResourceClass())) {
            return Optional.empty();
        }
        return refusal(request.getMethod(), request.getHeaderString(HttpHeaders.CONTENT_TYPE),
                request.getHeaderString(HEADER),
                request.getHeaderString("Sec-Fetch-Site"))
                .map(message -> ErrorResponses.response(message.equals(CROSS_SITE)
                        ? ErrorCode.ADMIN_WRITE_CROSS_SITE : ErrorCode.ADMIN_WRITE_WITHOUT_MARKER, message));
    }

    /** Why a request must be refused, if it must. */
    static Optional<String> refusal(String method, String contentType, String requestedBy, String fetchSite) {
        if (!WRITES.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if ("cross-site".equalsIgnoreCase(fetchSite == null ? null : fetchSite.trim())) {
            return Optional.of(CROSS_SITE);
        }
        if (requestedBy != null) {
            return Optional.empty();
        }
        return NON_FORM_TYPES.contains(essence(contentType)) ? Optional.empty() : Optional.of(SEND_HEADER);
    }

    /** "type/subtype" of a Content-Type header, lower case, without parameters; "" when absent. */
    static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static boolean isAdmin(Class<?> resourceClass) {
        Path path = resourceClass == null ? null : resourceClass.getAnnotation(Path.class);
        if (path == null) {
            return false;
        }
        String value = path.value().startsWith("/") ? path.value() : "/" + path.value();
        return value.equals("/admin") || value.startsWith("/admin/");
    }
}
