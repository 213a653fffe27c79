package org.medsafety.security;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medsafety.outbound.BoundedHttp;
import org.medsafety.testing.TestEhr;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A client's JWK Set fetched over https (a real TLS server with a certificate made here), cached and rotated. */
class RemoteJwksTest {

    @TempDir
    static Path tmp;

    private HttpsServer server;
    private HttpClient client;
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> document = new AtomicReference<>();
    private final TestEhr ehr = TestEhr.es384("https://ehr.example.org");
    private final MutableClock clock = new MutableClock();
    private final RemoteJwks.Limits limits = new RemoteJwks.Limits(Duration.ofHours(1), Duration.ofSeconds(30),
            Duration.ofSeconds(2), 64 * 1024);

    @BeforeEach
    void startTlsServer() throws Exception {
        Path keystore = tmp.resolve("server-" + System.nanoTime() + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "jwks", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = HttpClient.newBuilder().sslContext(clientTls).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
        document.set(ehr.jwks().toString());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RemoteJwks jwks() {
        return new RemoteJwks(URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json"),
                new BoundedHttp(client), limits, clock);
    }

    @Test
    void keysAreFetchedOverHttpsAndCached() throws Exception {
        RemoteJwks jwks = jwks();
        assertThat(jwks.keys()).extracting(k -> k.getKeyId()).containsExactly(ehr.kid());
        jwks.keys();
        jwks.keys();
        assertThat(fetches).hasValue(1);
        clock.advance(Duration.ofHours(2));
        jwks.keys();
        assertThat(fetches).as("fetched again once the cache time has passed").hasValue(2);
    }

    @Test
    void anUnknownKidPromptsOneFetchPerInterval() throws Exception {
        RemoteJwks jwks = jwks();
        jwks.keys();
        TestEhr rotated = TestEhr.es384(ehr.iss());
        document.set(rotated.jwks().toString());
        assertThat(jwks.refreshed()).as("just fetched: not fetched again at once").extracting(k -> k.getKeyId())
                .containsExactly(ehr.kid());
        clock.advance(Duration.ofSeconds(31));
        assertThat(jwks.refreshed()).extracting(k -> k.getKeyId()).containsExactly(rotated.kid());
        for (int i = 0; i < 50; i++) {
            jwks.refreshed(); // a stream of tokens with made-up kids
        }
        assertThat(fetches).hasValue(2);
        clock.advance(Duration.ofSeconds(31));
        jwks.refreshed();
        assertThat(fetches).hasValue(3);
    }

    @Test
    void aFailedFetchKeepsTheKeysAlreadyKnown() throws Exception {
        RemoteJwks jwks = jwks();
        jwks.keys();
        document.set("{\"keys\": [" + "x".repeat(100_000) + "]}"); // over the size cap, and not a key set
        clock.advance(Duration.ofHours(2));
        assertThat(jwks.keys()).extracting(k -> k.getKeyId()).containsExactly(ehr.kid());
    }

    @Test
    void withoutAnyKeysTheTokenCannotBeVerified() {
        document.set("not json");
        RemoteJwks jwks = jwks();
        assertThatThrownBy(jwks::keys).isInstanceOfSatisfying(TokenRefusal.class,
                r -> assertThat(r.reason()).isEqualTo(TokenRefusal.Reason.KEYS_UNAVAILABLE));
    }

    @Test
    void onlyHttpsUrlsAreAccepted() {
        assertThatThrownBy(() -> new RemoteJwks(URI.create("http://127.0.0.1/jwks.json"), new BoundedHttp(client),
                limits, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock the test moves forward. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
