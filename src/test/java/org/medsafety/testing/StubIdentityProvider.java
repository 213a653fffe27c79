package org.medsafety.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An OpenID provider for tests, on 127.0.0.1: discovery and the JWKS of an RSA key made at start, nothing else.
 * Quarkus reads both while it boots, so this starts first; the private key reaches the tests through config
 * ({@link #SIGNING_KEY}), which works whatever class loader each side runs in.
 */
public class StubIdentityProvider implements QuarkusTestResourceLifecycleManager {

    public static final String REALM = "/realms/medsafety";
    public static final String SIGNING_KEY = "stub-idp.signing-jwk";
    public static final String ISSUER = "stub-idp.issuer";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("stub-key-1");
            key.setAlgorithm("RS256");
            key.setUse("sig");
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM;
            String discovery = "{\"issuer\":\"" + issuer + "\","
                    + "\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\","
                    + "\"authorization_endpoint\":\"" + issuer + "/protocol/openid-connect/auth\","
                    + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\","
                    + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
            String jwks = new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
            server.createContext(REALM + "/.well-known/openid-configuration", exchange -> json(exchange, discovery));
            server.createContext(REALM + "/protocol/openid-connect/certs", exchange -> json(exchange, jwks));
            server.start();
            return Map.of("quarkus.oidc.auth-server-url", issuer,
                    ISSUER, issuer,
                    SIGNING_KEY, key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
