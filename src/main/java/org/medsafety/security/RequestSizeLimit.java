package org.medsafety.security;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses bodies over the limit with 413 and a JSON OperationOutcome before anything reads them. The body is read
 * and discarded (up to twice the limit) so that the client, which is still sending, receives the answer instead of a
 * reset connection. Chunked bodies without Content-Length are still cut off by quarkus.http.limits.max-body-size.
 */
@ApplicationScoped
public class RequestSizeLimit {

    static final String TOO_LARGE = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
            + "\"code\":\"too-costly\",\"diagnostics\":\"the request body is larger than the %d MB limit\"}]}";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize limit;

    void install(@Observes Router router) {
        long max = limit.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long declared = parse(length);
            if (declared <= max) {
                ctx.next();
                return;
            }
            String body = String.format(TOO_LARGE, max / (1024 * 1024));
            long[] seen = {0};
            ctx.request().handler(chunk -> {
                seen[0] += chunk.length();
                if (seen[0] > 2 * max) {
                    ctx.request().connection().close();
                }
            });
            ctx.request().endHandler(done -> ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body));
            ctx.request().resume();
        });
    }

    private static long parse(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
