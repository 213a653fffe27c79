package org.medsafety.health;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What a load balancer and an operator read, anonymously: readiness lists each named check up with the data an
 * operator acts on (where audit records go, the journal backlog, the ruleset served, the knowledge loaded);
 * liveness says the process answers.
 */
@QuarkusTest
class HealthEndpointsTest {

    private static String check(String name, String path) {
        return "checks.find { it.name == '" + name + "' }." + path;
    }

    @Test
    void readinessListsEveryCheckUpWithItsData() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("audit", "audit-backlog", "ruleset", "knowledge"))
                .body(check("audit", "status"), equalTo("UP"))
                .body(check("audit", "data.records"), equalTo("database"))
                .body(check("audit", "data.database"), equalTo("reachable"))
                .body(check("audit-backlog", "status"), equalTo("UP"))
                .body(check("audit-backlog", "data.backlog"), equalTo(0))
                .body(check("audit-backlog", "data.limitBytes"), greaterThan(0))
                .body(check("ruleset", "status"), equalTo("UP"))
                .body(check("ruleset", "data.version"), matchesPattern("[0-9a-f]{64}"))
                .body(check("ruleset", "data.activation"), greaterThan(0))
                .body(check("ruleset", "data.compiledAt"), notNullValue())
                .body(check("knowledge", "status"), equalTo("UP"))
                .body(check("knowledge", "data.'interactions.csv'"), greaterThan(100))
                .body(check("knowledge", "data.'ingredients.csv'"), greaterThan(50))
                .body(check("knowledge", "data.'dose-limits.csv'"), greaterThan(10))
                .body(check("knowledge", "data.'rxnorm-vocabulary.tsv.gz'"), greaterThan(20_000));
    }

    @Test
    void theRulesetCheckNamesTheVersionTheServiceServes() {
        String served = given().auth().preemptive().basic("pharmacist", "pharmacist").when()
                .get("/admin/rulesets/active").then().statusCode(200).extract().path("version");
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(check("ruleset", "data.version"), equalTo(served));
    }

    @Test
    void livenessSaysTheProcessAnswers() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("alive"))
                .body(check("alive", "status"), equalTo("UP"));
    }
}
