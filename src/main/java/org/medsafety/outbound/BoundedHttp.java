package org.medsafety.outbound;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Outbound GETs with hard bounds, for every server a caller can make us talk to (FHIR servers, JWK Set URLs): a
 * deadline for the whole exchange, body included (the JDK client's own request timeout stops at the headers,
 * JDK-8258397), a byte cap enforced while reading, and no redirects. Failures carry a kind, never a host, port or
 * exception text, so they are safe to report.
 */
public final class BoundedHttp {

    /** A response that arrived in time and within the size cap. */
    public record Response(int status, byte[] body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** Why a GET gave no response. */
    public enum FailureKind { TIMEOUT, TOO_LARGE, NETWORK, INTERRUPTED, INVALID_URL }

    /** A GET that failed; {@link #kind()} is all a caller may learn. */
    public static final class Failure extends Exception {
        private final FailureKind kind;

        Failure(FailureKind kind) {
            super(kind.name(), null, false, false);
            this.kind = kind;
        }

        public FailureKind kind() {
            return kind;
        }
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** One daemon thread ends every exchange that outlives its deadline; a cancelled timer is dropped at once. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final HttpClient client;

    public BoundedHttp(Duration connectTimeout) {
        this(HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** For tests and TLS settings: the client must not follow redirects. */
    public BoundedHttp(HttpClient client) {
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("outbound clients must not follow redirects");
        }
        this.client = client;
    }

    /**
     * GETs {@code uri}, giving up at {@code deadline}; a body over {@code maxBytes} is not read further.
     *
     * @param headers request headers (e.g. Accept, Authorization)
     */
    public Response get(URI uri, Map<String, String> headers, Instant deadline, long maxBytes) throws Failure {
        CompletableFuture<Response> response = getAsync(uri, headers, deadline, maxBytes);
        try {
            return response.get(); // completes by the deadline at the latest (see getAsync)
        } catch (InterruptedException e) {
            response.cancel(true); // which aborts the exchange
            Thread.currentThread().interrupt();
            throw new Failure(FailureKind.INTERRUPTED);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Failure f ? f : new Failure(FailureKind.NETWORK);
        }
    }

    /**
     * Starts the same GET without waiting, so several can run at once under one deadline. The future completes by
     * {@code deadline} at the latest, normally or with a {@link Failure}; whatever ends it early (deadline,
     * cancellation) also aborts the exchange and closes its connection.
     */
    public CompletableFuture<Response> getAsync(URI uri, Map<String, String> headers, Instant deadline,
                                                long maxBytes) {
        long remaining = Duration.between(Instant.now(), deadline).toMillis();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(new Failure(FailureKind.TIMEOUT));
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(remaining)).GET();
            headers.forEach(request::header);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new Failure(FailureKind.INVALID_URL));
        }
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client.sendAsync(request.build(), info -> capped(info, maxBytes));
        CompletableFuture<Response> result = new CompletableFuture<>();
        exchange.whenComplete((response, error) -> {
            if (error == null) {
                result.complete(new Response(response.statusCode(), response.body()));
            } else {
                result.completeExceptionally(new Failure(kindOf(error)));
            }
        });
        // The JDK's own request timeout stops counting once headers arrive; this one covers the body too.
        ScheduledFuture<?> timer = DEADLINES.schedule(
                () -> result.completeExceptionally(new Failure(FailureKind.TIMEOUT)), remaining, TimeUnit.MILLISECONDS);
        result.whenComplete((response, error) -> {
            timer.cancel(false);
            if (error != null) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "outbound-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static FailureKind kindOf(Throwable error) {
        return causedBy(error, TooLarge.class) ? FailureKind.TOO_LARGE
                : causedBy(error, java.net.http.HttpTimeoutException.class) ? FailureKind.TIMEOUT
                : FailureKind.NETWORK;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A body subscriber that refuses a declared or actual length over {@code max}. */
    private static HttpResponse.BodySubscriber<byte[]> capped(HttpResponse.ResponseInfo info, long max) {
        long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
        if (declared > max) {
            return new Capped(0, true);
        }
        return new Capped(max, false);
    }

    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final boolean refuseAtOnce;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Capped(long max, boolean refuseAtOnce) {
            this.max = max;
            this.refuseAtOnce = refuseAtOnce;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (refuseAtOnce) {
                s.cancel();
                result.completeExceptionally(new TooLarge());
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (bytes.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
