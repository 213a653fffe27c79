package org.medsafety.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Real calls through the CDS Hooks endpoint, so the console has evaluations, cards and feedback to show. */
final class ConsoleAuditData {

    static final ObjectMapper JSON = new ObjectMapper();

    private ConsoleAuditData() {
    }

    /** Sends docs/examples/order-sign-warfarin-naproxen.json for this patient; answers the card uuids returned. */
    static List<String> signWarfarinNaproxen(String patientId) {
        ObjectNode request = example("order-sign-warfarin-naproxen.json");
        request.put("hookInstance", UUID.randomUUID().toString());
        String original = request.at("/context/patientId").asText();
        String body = request.toString().replace("Patient/" + original, "Patient/" + patientId)
                .replace("\"patientId\":\"" + original + "\"", "\"patientId\":\"" + patientId + "\"");
        return given().contentType(ContentType.JSON).body(body)
                .post("/cds-services/medication-safety-sign")
                .then().statusCode(200).extract().jsonPath().getList("cards.uuid", String.class);
    }

    /** Feedback as docs/examples/feedback-overridden.json, for one card. */
    static void override(String card) {
        ObjectNode feedback = example("feedback-overridden.json");
        ObjectNode entry = (ObjectNode) feedback.get("feedback").get(0);
        entry.put("card", card);
        entry.put("outcomeTimestamp", Instant.now().minusSeconds(5).toString());
        given().contentType(ContentType.JSON).body(feedback.toString())
                .post("/cds-services/medication-safety-sign/feedback").then().statusCode(200);
    }

    static ObjectNode example(String name) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(Path.of("docs/examples", name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
