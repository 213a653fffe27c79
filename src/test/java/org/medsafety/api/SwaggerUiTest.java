package org.medsafety.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI is served by the service itself and loads nothing from another site: on a hospital network without
 * internet access it must work, and it must not tell a third party which service is being looked at.
 */
@QuarkusTest
class SwaggerUiTest {

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern CSS_URL = Pattern.compile("(?:url\\(|@import)\\s*['\"]?([^'\")\\s;]+)");

    @Test
    void thePageAndEveryAssetItReferencesAreServedHere() {
        String page = given().redirects().follow(true).when().get("/q/swagger-ui/").then().statusCode(200)
                .contentType("text/html").extract().asString();
        List<String> references = all(REFERENCE, page);
        assertThat(references).isNotEmpty().allSatisfy(SwaggerUiTest::local);
        for (String asset : references) {
            if (asset.startsWith("/q/swagger-ui") && !asset.contains(".")) {
                continue; // the logo's link back to the page itself
            }
            String body = given().when().get(asset.startsWith("/") ? asset : "/q/swagger-ui/" + asset)
                    .then().statusCode(200).extract().asString();
            if (asset.endsWith(".css")) {
                assertThat(all(CSS_URL, body)).as(asset).allSatisfy(SwaggerUiTest::local);
            }
        }
        assertThat(page).contains("url: '/q/openapi'")
                .as("no validator badge, which would load an image from another site").contains("validatorUrl: 'none'")
                .as("staff credentials are not kept in the browser").doesNotContain("persistAuthorization: true");
    }

    private static void local(String reference) {
        assertThat(reference).as(reference).doesNotStartWith("//").doesNotContain("://");
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (!m.group(1).startsWith("data:")) {
                found.add(m.group(1));
            }
        }
        return found;
    }
}
