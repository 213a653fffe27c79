package org.medsafety.security;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.medsafety.config.PlatformSettings;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.ErrorResponses;

/**
 * Refuses bodies over the limit with a 413 OperationOutcome before anything reads them into memory, in a way an
 * ordinary client can read: most clients send the whole body before they look for an answer, and a connection
 * closed under them reads as a network failure, not a 413. So the body is read and thrown away (a few kilobytes at a
 * time, nothing kept) and the answer follows; a client that asked "Expect: 100-continue" is answered at once and
 * never sends the body. Only a client streaming far beyond any honest mistake (past the drain cap, or for longer
 * than the drain time) is cut off.
 */
@ApplicationScoped
public class RequestSizeLimit {

    /** Read and discarded at most: a client that sends more is not making an honest mistake. */
    static final long DRAIN_CAP = 256L * 1024 * 1024;
    static final long DRAIN_TIME_MS = 60_000;

    private static final java.util.Set<HttpMethod> CARRY_BODY = java.util.Set.of(HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH);

    @Inject
    PlatformSettings platform;

    void install(@Observes Router router) {
        long max = platform.http().limits().maxBodySize().asLongValue();
        String body = tooLarge(max);
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(max);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            long declared = parse(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            if (declared > max) {
                refuse(ctx, body);
            } else if (declared < 0 && CARRY_BODY.contains(ctx.request().method()) && !ctx.request().isEnded()) {
                chunked.handle(ctx); // buffered up to the limit here, so that going over it fails as below
            } else {
                ctx.next();
            }
        });
        // A chunked body has no declared length: Vert.x stops it at the limit and fails the request with 413;
        // answer that failure with the same OperationOutcome.
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                answer(ctx.request(), ctx.response(), body);
            } else {
                ctx.next();
            }
        });
    }

    private static void refuse(RoutingContext ctx, String body) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            // The client waits for a go-ahead before sending: this answer means it never sends the body.
            answer(request, response, body);
            return;
        }
        long[] seen = {0};
        long timer = ctx.vertx().setTimer(DRAIN_TIME_MS, id -> cutOff(request, response, body));
        request.handler(chunk -> {
            seen[0] += chunk.length();
            if (seen[0] > DRAIN_CAP) {
                ctx.vertx().cancelTimer(timer);
                cutOff(request, response, body);
            }
        });
        request.endHandler(done -> {
            ctx.vertx().cancelTimer(timer);
            answer(request, response, body);
        });
        request.resume();
    }

    /**
     * Stops a client that keeps sending: HTTP/1.1 closes the connection (the rest of the body would follow on it);
     * HTTP/2 resets only this stream, since other calls share the connection.
     */
    private static void cutOff(HttpServerRequest request, HttpServerResponse response, String body) {
        answer(request, response, body);
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset(0);
        } else {
            request.connection().close();
        }
    }

    /** HTTP/1.1: the connection is closed after the answer, since the rest of the body would follow on it. */
    private static void answer(HttpServerRequest request, HttpServerResponse response, String body) {
        if (!response.ended() && !response.closed()) {
            response.setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            if (request.version() != HttpVersion.HTTP_2) {
                response.putHeader(HttpHeaders.CONNECTION, "close"); // a connection header is not allowed in HTTP/2
            }
            response.end(body);
        }
    }

    /** The 413 OperationOutcome, written once: this answer is sent outside Quarkus REST and its mappers. */
    static String tooLarge(long max) {
        return ErrorResponses.json(ErrorCode.BODY_TOO_LARGE, "the request body is larger than the "
                + max / (1024 * 1024) + " MB limit");
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
