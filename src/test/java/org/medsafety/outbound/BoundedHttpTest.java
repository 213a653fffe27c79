package org.medsafety.outbound;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounds hold against servers that misbehave: slow bodies, large bodies, redirects. */
class BoundedHttpTest {

    private final HttpServer server = start();
    private final BoundedHttp http = new BoundedHttp(Duration.ofSeconds(1));

    private static HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/small", e -> {
                byte[] body = "{\"ok\":true}".getBytes();
                e.sendResponseHeaders(200, body.length);
                try (OutputStream out = e.getResponseBody()) {
                    out.write(body);
                }
            });
            s.createContext("/big-declared", e -> {
                e.sendResponseHeaders(200, 5_000_000);
                try (OutputStream out = e.getResponseBody()) {
                    out.write(new byte[5_000_000]);
                } catch (IOException ignored) {
                    // the client hung up, as it should
                }
            });
            s.createContext("/big-chunked", e -> {
                e.sendResponseHeaders(200, 0);
                try (OutputStream out = e.getResponseBody()) {
                    for (int i = 0; i < 100; i++) {
                        out.write(new byte[100_000]);
                    }
                } catch (IOException ignored) {
                    // the client hung up, as it should
                }
            });
            s.createContext("/tarpit", e -> {
                e.sendResponseHeaders(200, 0);
                try (OutputStream out = e.getResponseBody()) {
                    for (int i = 0; i < 30; i++) {
                        out.write('{');
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException ignored) {
                    // the client hung up, as it should
                }
            });
            s.createContext("/redirect", e -> {
                e.getResponseHeaders().add("Location", "/small");
                e.sendResponseHeaders(302, -1);
                e.close();
            });
            s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void aSmallAnswerIsRead() throws Exception {
        BoundedHttp.Response r = http.get(at("/small"), Map.of("Accept", "application/json"),
                Instant.now().plusSeconds(2), 1000);
        assertThat(r.ok()).isTrue();
        assertThat(new String(r.body())).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedWithoutReadingIt() {
        assertThatThrownBy(() -> http.get(at("/big-declared"), Map.of(), Instant.now().plusSeconds(2), 1_000_000))
                .isInstanceOfSatisfying(BoundedHttp.Failure.class,
                        f -> assertThat(f.kind()).isEqualTo(BoundedHttp.FailureKind.TOO_LARGE));
    }

    @Test
    void aChunkedBodyIsCutAtTheCap() {
        assertThatThrownBy(() -> http.get(at("/big-chunked"), Map.of(), Instant.now().plusSeconds(2), 1_000_000))
                .isInstanceOfSatisfying(BoundedHttp.Failure.class,
                        f -> assertThat(f.kind()).isEqualTo(BoundedHttp.FailureKind.TOO_LARGE));
    }

    @Test
    void aSlowBodyEndsAtTheDeadlineNotWhenTheServerStops() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> http.get(at("/tarpit"), Map.of(), Instant.now().plusMillis(700), 1_000_000))
                .isInstanceOfSatisfying(BoundedHttp.Failure.class,
                        f -> assertThat(f.kind()).isEqualTo(BoundedHttp.FailureKind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
    }

    @Test
    void severalSlowBodiesAtOnceAllEndAtTheOneDeadline() throws Exception {
        long start = System.nanoTime();
        Instant deadline = Instant.now().plusMillis(700);
        List<CompletableFuture<BoundedHttp.Response>> reads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            reads.add(http.getAsync(at("/tarpit"), Map.of(), deadline, 1_000_000));
        }
        for (CompletableFuture<BoundedHttp.Response> read : reads) {
            assertThatThrownBy(read::get).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(BoundedHttp.Failure.class,
                            f -> assertThat(f.kind()).isEqualTo(BoundedHttp.FailureKind.TIMEOUT));
        }
        // Six 6-second bodies read at once, all cut at 700 ms: not one after the other.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
    }

    @Test
    void aDeadlineAlreadyPassedIsATimeoutAtOnce() {
        assertThatThrownBy(() -> http.get(at("/small"), Map.of(), Instant.now().minusMillis(1), 1000))
                .isInstanceOfSatisfying(BoundedHttp.Failure.class,
                        f -> assertThat(f.kind()).isEqualTo(BoundedHttp.FailureKind.TIMEOUT));
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        BoundedHttp.Response r = http.get(at("/redirect"), Map.of(), Instant.now().plusSeconds(2), 1000);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.ok()).isFalse();
    }

    @Test
    void aClosedPortIsANetworkFailureThatNamesNoAddress() {
        URI closed = URI.create("http://127.0.0.1:1/x");
        assertThatThrownBy(() -> http.get(closed, Map.of(), Instant.now().plusSeconds(2), 1000))
                .isInstanceOfSatisfying(BoundedHttp.Failure.class, f -> {
                    assertThat(f.kind()).isEqualTo(BoundedHttp.FailureKind.NETWORK);
                    assertThat(f.getMessage()).doesNotContain("127.0.0.1");
                });
    }
}
