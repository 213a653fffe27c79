package org.medsafety.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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

/**
 * An OpenID provider on 127.0.0.1 that publishes discovery and the JWKS of an RSA key made at start: enough for the
 * service to verify staff tokens signed with that key ({@link StaffTokens}); and the authorization code flow for the
 * web console, with a login page that asks only for a user name of its directory ({@link StubCodeFlow}). Plain Java, so that the
 * multi-process checks in .ci/ can run it too ({@link StaffIdentityProviderCli}), not only Quarkus tests.
 */
public final class StaffIdentityProvider implements AutoCloseable {

    public static final String REALM = "/realms/medsafety";
    /** The secret every client of the code flow authenticates with at the token endpoint. */
    public static final String CLIENT_SECRET = "console-client-secret-of-the-test-provider";

    private final HttpServer server;
    private final RsaJsonWebKey key;
    private final String issuer;

    private StaffIdentityProvider(HttpServer server, RsaJsonWebKey key, String issuer) {
        this.server = server;
        this.key = key;
        this.issuer = issuer;
    }

    /** Starts it on 127.0.0.1 at {@code port} (0: any free port). */
    public static StaffIdentityProvider start(int port) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("stub-key-1");
            key.setAlgorithm("RS256");
            key.setUse("sig");
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
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
            StubCodeFlow flow = new StubCodeFlow(new StaffTokens(
                    key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), issuer), CLIENT_SECRET);
            server.createContext(REALM + "/protocol/openid-connect/auth", flow::authorize);
            server.createContext(REALM + "/protocol/openid-connect/login", flow::login);
            server.createContext(REALM + "/protocol/openid-connect/token", flow::token);
            server.start();
            return new StaffIdentityProvider(server, key, issuer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The signing key, private part included, as a JWK: what {@link StaffTokens} signs with. */
    public String privateJwk() {
        return key.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
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
    public void close() {
        server.stop(0);
    }
}
