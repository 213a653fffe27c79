package org.medsafety.cdshooks;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/** The requests in docs/examples/ do what the README says they do. */
@QuarkusTest
class DocumentedExamplesTest {

    static String example(String name) throws IOException {
        return Files.readString(Path.of("docs/examples", name));
    }

    @Test
    void readmeCurlExampleReturnsTheWarfarinNaproxenCard() throws IOException {
        given().contentType(ContentType.JSON).body(example("order-sign-warfarin-naproxen.json"))
                .when().post("/cds-services/medication-safety-sign")
                .then().statusCode(200)
                .body("cards.summary", hasItem("Major interaction: naproxen + warfarin — increased risk of bleeding"));
    }

    @Test
    void orderSelectExampleFlagsThePenicillinAllergyAndTheTramadolDoseButNotTheUnselectedNaproxen() throws IOException {
        given().contentType(ContentType.JSON).body(example("order-select-penicillin-allergy-tramadol.json"))
                .when().post("/cds-services/medication-safety-select")
                .then().statusCode(200)
                .body("cards.extension.'org.medsafety.finding'.knowledgeId",
                        hasItems("ALG-PENICILLIN-CLASS"))
                .body("cards.find { it.extension.'org.medsafety.finding'.check == 'dose' }.summary",
                        containsString("Tramadol 600 mg/day"))
                .body("cards.find { it.extension.'org.medsafety.finding'.check == 'dose' }.suggestions[0].actions[0].type",
                        equalTo("update"))
                .body("cards.extension.'org.medsafety.finding'.draftOrder",
                        not(hasItem("MedicationRequest/naproxen-draft")));
    }

    @Test
    void feedbackExampleIsAWellFormedFeedbackBody() throws IOException {
        String card = FeedbackTest.issueCard();
        String body = example("feedback-overridden.json").replace("REPLACE-WITH-A-CARD-UUID", card);
        given().contentType(ContentType.JSON).body(body).when().post("/cds-services/medication-safety-sign/feedback")
                .then().statusCode(200).body("stored", equalTo(1));
    }
}
