package org.medsafety.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response examples in docs/examples/responses/ are answers the service really gave to the request examples
 * beside them: this test sends each request and compares the answer with the file, card and suggestion uuids and the
 * ruleset version aside (they differ on every call and every ruleset). Run with {@code -Dexamples.capture=true} to
 * write the files anew after a change of the answers (then review the diff).
 */
@QuarkusTest
class ResponseExamplesTest {

    static final Path EXAMPLES = Path.of("docs/examples");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern VERSION = Pattern.compile("\\b[0-9a-f]{64}\\b");

    @Test
    void discovery() throws IOException {
        check("discovery.json", 200, given().when().get("/cds-services"));
    }

    @Test
    void orderSignAnswer() throws IOException {
        check("order-sign-warfarin-naproxen.json", 200, post("/cds-services/medication-safety-sign",
                "order-sign-warfarin-naproxen.json"));
    }

    @Test
    void orderSelectAnswer() throws IOException {
        check("order-select-penicillin-allergy-tramadol.json", 200, post("/cds-services/medication-safety-select",
                "order-select-penicillin-allergy-tramadol.json"));
    }

    @Test
    void feedbackAnswer() throws IOException {
        String card = post("/cds-services/medication-safety-sign", "order-sign-warfarin-naproxen.json")
                .then().statusCode(200).extract().path("cards[0].uuid");
        String body = Files.readString(EXAMPLES.resolve("feedback-overridden.json"))
                .replace("REPLACE-WITH-A-CARD-UUID", card);
        check("feedback-overridden.json", 200, given().contentType(ContentType.JSON).body(body)
                .when().post("/cds-services/medication-safety-sign/feedback"));
    }

    @Test
    void missingPrefetchAnswer() throws IOException {
        String request = Files.readString(EXAMPLES.resolve("order-sign-warfarin-naproxen.json"));
        JsonNode withoutPrefetch = ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(request))
                .without("prefetch");
        check("error-prefetch-missing.json", 412, given().contentType(ContentType.JSON)
                .body(withoutPrefetch.toString()).when().post("/cds-services/medication-safety-sign"));
    }

    private static Response post(String path, String example) throws IOException {
        return given().contentType(ContentType.JSON).body(Files.readString(EXAMPLES.resolve(example)))
                .when().post(path);
    }

    private static void check(String name, int status, Response answer) throws IOException {
        assertThat(answer.statusCode()).as(name).isEqualTo(status);
        Path file = EXAMPLES.resolve("responses").resolve(name);
        JsonNode actual = JSON.readTree(answer.asString());
        if (Boolean.getBoolean("examples.capture")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(actual) + "\n");
        }
        assertThat(file).as("run with -Dexamples.capture=true to write it").exists();
        assertThat(stable(actual)).isEqualTo(stable(JSON.readTree(Files.readString(file))));
    }

    /** The answer with what changes on every call or ruleset (uuids, the ruleset version) replaced by placeholders. */
    static String stable(JsonNode answer) throws IOException {
        String text = JSON.writeValueAsString(answer);
        return VERSION.matcher(UUID.matcher(text).replaceAll("<uuid>")).replaceAll("<ruleset-version>");
    }
}
