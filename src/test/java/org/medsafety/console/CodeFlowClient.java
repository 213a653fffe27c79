package org.medsafety.console;

import io.restassured.response.Response;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's part of the authorization code flow, step by step with REST Assured: the console sends the user to the
 * identity provider, its login page sends them back with a code, the console exchanges it and sets its session.
 * Cookies are kept per name, as one browser would (the provider's and the console's hosts never share a name).
 */
final class CodeFlowClient {

    final Map<String, String> cookies = new LinkedHashMap<>();

    /** Signs in as {@code user} of the test provider's directory, starting from {@code path}; returns where it lands. */
    String signIn(String user, String path) {
        Response toProvider = get(path);
        assertThat(toProvider.statusCode()).as("a console page without a session leads to the provider").isEqualTo(302);
        URI authorize = URI.create(toProvider.header("Location"));
        assertThat(authorize.getPath()).endsWith("/protocol/openid-connect/auth");
        // The provider's URL is already encoded: sent as it is.
        Response loginPage = given().urlEncodingEnabled(false).redirects().follow(false).get(authorize);
        assertThat(loginPage.statusCode()).isEqualTo(200);
        var form = given().redirects().follow(false).contentType("application/x-www-form-urlencoded");
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
                .matcher(loginPage.asString());
        while (hidden.find()) {
            form.formParam(hidden.group(1), hidden.group(2).replace("&quot;", "\"").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&"));
        }
        Response back = form.formParam("username", user).post(authorize.resolve("login"));
        assertThat(back.statusCode()).as("the provider knows %s", user).isEqualTo(302);
        Response callback = get(back.header("Location"));
        assertThat(callback.statusCode()).as("the console exchanged the code").isEqualTo(302);
        assertThat(cookies).as("the console's session cookie").containsKey("q_session_console");
        return callback.header("Location");
    }

    /** A GET with this client's cookies, redirects not followed; cookies set by the answer are kept. */
    Response get(String pathOrUrl) {
        Response r = given().urlEncodingEnabled(false).redirects().follow(false).cookies(cookies).get(pathOrUrl);
        keep(r);
        return r;
    }

    void keep(Response r) {
        r.getDetailedCookies().forEach(c -> {
            if (c.hasMaxAge() && c.getMaxAge() == 0 || c.getValue() == null || c.getValue().isEmpty()) {
                cookies.remove(c.getName());
            } else {
                cookies.put(c.getName(), c.getValue());
            }
        });
    }

    /** The CSRF token of the console's forms on {@code page}, its cookie kept. */
    String csrfToken(String page) {
        Response r = get(page);
        assertThat(r.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(r.asString());
        assertThat(m.find()).as("a CSRF field on %s", page).isTrue();
        return m.group(1);
    }
}
