package org.medsafety.testing;

import com.sun.net.httpserver.HttpExchange;
import org.jose4j.jwt.JwtClaims;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization code flow of {@link StaffIdentityProvider}: an authorization endpoint that shows a tiny login page
 * (a user name, no password: the test directory below), and a token endpoint that exchanges the code, once, for an ID
 * token signed with the provider's key. Roles are Keycloak-shaped, under {@code realm_access.roles}.
 */
final class StubCodeFlow {

    /** The provider's staff: user name and realm roles. {@code n.body} has none. */
    static final Map<String, List<String>> DIRECTORY = Map.of(
            "p.jones", List.of("pharmacist"),
            "a.smith", List.of("auditor"),
            "r.officer", List.of("records-officer"),
            "n.body", List.of());

    private record Grant(String user, String clientId, String redirectUri, String nonce) {
    }

    private final StaffTokens tokens;
    private final String clientSecret;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    StubCodeFlow(StaffTokens tokens, String clientSecret) {
        this.tokens = tokens;
        this.clientSecret = clientSecret;
    }

    /** GET: the login page for this authorization request. */
    void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
        if (!"code".equals(q.get("response_type")) || q.get("redirect_uri") == null || q.get("client_id") == null) {
            send(exchange, 400, "text/plain", "response_type=code, client_id and redirect_uri are required");
            return;
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "state", "nonce")) {
            if (q.get(name) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(q.get(name))).append("\">");
            }
        }
        send(exchange, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Hospital sign-in (test identity provider)</title></head><body><main><h1>Hospital sign-in</h1>"
                + "<form method=\"post\" action=\"" + StaffIdentityProvider.REALM + "/protocol/openid-connect/login\">"
                + hidden + "<label for=\"username\">User name</label><input id=\"username\" name=\"username\">"
                + "<button type=\"submit\" id=\"idp-sign-in\">Sign in</button></form></main></body></html>");
    }

    /** POST from the login page: a known user is sent back to the client with a one-time code. */
    void login(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String user = f.get("username");
        if (user == null || !DIRECTORY.containsKey(user)) {
            send(exchange, 401, "text/plain", "unknown user");
            return;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        codes.put(code, new Grant(user, f.get("client_id"), f.get("redirect_uri"), f.get("nonce")));
        String redirect = f.get("redirect_uri");
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                + (f.get("state") == null ? "" : "&state=" + URLEncoder.encode(f.get("state"), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** POST: the code, once, for an ID token; the client authenticates with its secret (client_secret_basic or _post). */
    void token(HttpExchange exchange) throws IOException {
        Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] client = client(exchange, f);
        Grant grant = f.get("code") == null ? null : codes.remove(f.get("code"));
        if (!"authorization_code".equals(f.get("grant_type")) || grant == null || client == null
                || !client[0].equals(grant.clientId()) || !clientSecret.equals(client[1])
                || !grant.redirectUri().equals(f.get("redirect_uri"))) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        JwtClaims id = tokens.claims(grant.user(), grant.clientId(), DIRECTORY.get(grant.user()));
        id.setExpirationTimeMinutesInTheFuture(60);
        id.setClaim("azp", grant.clientId());
        if (grant.nonce() != null) {
            id.setClaim("nonce", grant.nonce());
        }
        JwtClaims access = tokens.claims(grant.user(), grant.clientId(), DIRECTORY.get(grant.user()));
        access.setExpirationTimeMinutesInTheFuture(60);
        send(exchange, 200, "application/json", "{\"access_token\":\"" + tokens.sign(access) + "\",\"id_token\":\""
                + tokens.sign(id) + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private static String[] client(HttpExchange exchange, Map<String, String> form) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8)
                    .split(":", 2);
            return pair.length == 2 ? new String[] {decode(pair[0]), decode(pair[1])} : null;
        }
        return form.get("client_id") == null || form.get("client_secret") == null ? null
                : new String[] {form.get("client_id"), form.get("client_secret")};
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            values.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return values;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
