package org.medsafety.console;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The CSRF token of the console's forms (double-submit cookie): a random value in an HttpOnly, SameSite=Strict cookie
 * under /console, repeated in a hidden field of every form; {@link ConsoleCsrfFilter} refuses a console form post
 * whose field does not match its cookie. Another site can make a browser send the cookie but cannot read it, so it
 * cannot fill in the field. Templates use {@code {inject:consoleCsrf.token}}.
 */
@RequestScoped
@Named("consoleCsrf")
public class ConsoleCsrf {

    static final String COOKIE = "console-csrf";
    static final String FIELD = "csrf-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RoutingContext routing;

    private String token;

    /** This browser's token, issued (and set as a cookie) on first use. */
    public String getToken() {
        if (token == null) {
            Cookie existing = routing.request().getCookie(COOKIE);
            token = existing != null && wellFormed(existing.getValue()) ? existing.getValue() : issue();
        }
        return token;
    }

    public String getField() {
        return FIELD;
    }

    private String issue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        routing.response().addCookie(Cookie.cookie(COOKIE, value).setPath("/console").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(routing.request().isSSL()));
        return value;
    }

    static boolean wellFormed(String value) {
        return value != null && value.length() == 43 && value.chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '-' || c == '_');
    }

    /** True when the form's token equals the cookie's, compared in constant time. */
    static boolean matches(String cookie, String field) {
        return wellFormed(cookie) && field != null && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII),
                field.getBytes(StandardCharsets.US_ASCII));
    }
}
