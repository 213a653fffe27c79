package org.medsafety.cdshooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.medsafety.audit.FeedbackRecord;
import org.medsafety.testing.Fixtures;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Feedback: stored against the card, repeats tolerated, unknown cards refused clearly with nothing stored. */
@QuarkusTest
class FeedbackTest {

    static final String SIGN = "/cds-services/medication-safety-sign";

    /** Issues a real interaction card and returns its uuid. */
    static String issueCard() {
        ObjectNode request = OrderSignWithSyntheaTest.warfarinPatientOrderingNaproxen();
        return given().contentType(ContentType.JSON).body(request.toString()).when().post(SIGN)
                .then().statusCode(200).extract().jsonPath()
                .getString("cards.find { it.extension.'org.medsafety.finding'.knowledgeId == 'DDI-WARFARIN-NSAID' }.uuid");
    }

    static ObjectNode overridden(String card, String timestamp) {
        ObjectNode body = Fixtures.JSON.createObjectNode();
        ObjectNode entry = body.putArray("feedback").addObject();
        entry.put("card", card).put("outcome", "overridden").put("outcomeTimestamp", timestamp);
        ObjectNode reason = entry.putObject("overrideReason");
        // The CDS Hooks Sandbox sends the coding without display: accept it.
        reason.putObject("reason").put("system", "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes")
                .put("code", "risk-benefit-ratio");
        reason.put("userComment", "Short course, INR checked in 3 days");
        return body;
    }

    @Test
    void anOverrideIsStoredAgainstTheCardAndARepeatIsKeptOnce() {
        String card = issueCard();
        String body = overridden(card, "2026-11-25T10:15:30.52Z").toString();

        given().contentType(ContentType.JSON).body(body).when().post(SIGN + "/feedback")
                .then().statusCode(200).body("stored", equalTo(1)).body("alreadyRecorded", equalTo(0));
        given().contentType(ContentType.JSON).body(body).when().post(SIGN + "/feedback")
                .then().statusCode(200).body("stored", equalTo(0)).body("alreadyRecorded", equalTo(1));

        assertThat(FeedbackRecord.<FeedbackRecord>list("cardUuid", card)).singleElement().satisfies(f -> {
            assertThat(f.outcome).isEqualTo("overridden");
            assertThat(f.overrideCode).isEqualTo("risk-benefit-ratio");
            assertThat(f.userComment).isEqualTo("Short course, INR checked in 3 days");
            assertThat(f.outcomeTimestamp).hasToString("2026-11-25T10:15:30.520Z");
        });
    }

    @Test
    void acceptedFeedbackNamesTheSuggestionTaken() {
        String card = issueCard();
        ObjectNode body = Fixtures.JSON.createObjectNode();
        body.putArray("feedback").addObject().put("card", card).put("outcome", "accepted")
                .put("outcomeTimestamp", "2026-11-25T11:00:00Z")
                .putArray("acceptedSuggestions").addObject().put("id", "3b1c6f2e-1111-4c9e-9e3e-0d3c2f1a0b9c");
        given().contentType(ContentType.JSON).body(body.toString()).when().post(SIGN + "/feedback")
                .then().statusCode(200).body("stored", equalTo(1));
        assertThat(FeedbackRecord.<FeedbackRecord>list("cardUuid", card)).singleElement()
                .satisfies(f -> assertThat(f.acceptedSuggestions).isEqualTo("3b1c6f2e-1111-4c9e-9e3e-0d3c2f1a0b9c"));
    }

    @Test
    void anUnknownCardIsAnsweredClearlyAndNothingIsStored() {
        String known = issueCard();
        String unknown = UUID.randomUUID().toString();
        ObjectNode body = overridden(known, "2026-11-25T12:00:00Z");
        body.withArray("feedback").addObject().put("card", unknown).put("outcome", "overridden")
                .put("outcomeTimestamp", "2026-11-25T12:00:00Z");

        given().contentType(ContentType.JSON).body(body.toString()).when().post(SIGN + "/feedback")
                .then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"))
                .body("issue[0].diagnostics", containsString(unknown))
                .body("issue[0].diagnostics", containsString("no feedback was stored"));
        assertThat(FeedbackRecord.count("cardUuid", known)).isZero();
    }

    @Test
    void aCardFromTheOtherServiceIsUnknownToThisOne() {
        String card = issueCard();
        given().contentType(ContentType.JSON).body(overridden(card, "2026-11-25T12:30:00Z").toString())
                .when().post("/cds-services/medication-safety-select/feedback")
                .then().statusCode(404);
    }

    @Test
    void feedbackWithoutATimestampIsRefused() {
        ObjectNode body = Fixtures.JSON.createObjectNode();
        body.putArray("feedback").addObject().put("card", issueCard()).put("outcome", "overridden");
        given().contentType(ContentType.JSON).body(body.toString()).when().post(SIGN + "/feedback")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("feedback[0].outcomeTimestamp is required"));
    }

    @Test
    void anUnknownOutcomeIsRefused() {
        ObjectNode body = overridden(issueCard(), "2026-11-25T13:00:00Z");
        ((ObjectNode) body.withArray("feedback").get(0)).put("outcome", "ignored");
        given().contentType(ContentType.JSON).body(body.toString()).when().post(SIGN + "/feedback")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("'accepted' or 'overridden'"));
    }
}
