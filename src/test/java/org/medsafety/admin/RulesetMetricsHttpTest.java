package org.medsafety.admin;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.medsafety.testing.ScrapedMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medsafety.admin.RulesetLifecycleTest.activeVersion;
import static org.medsafety.admin.RulesetLifecycleTest.pharmacist;
import static org.medsafety.admin.RulesetLifecycleTest.pharmacistAction;

/**
 * Ruleset publishing as the metrics show it: a publication, a refused candidate and a rollback each move their
 * counter by one, and an instance that serves the newest activation reports no follower lag. The published and
 * re-activated versions are the one already served, so the other tests sharing this instance see no change.
 */
@QuarkusTest
class RulesetMetricsHttpTest {

    private static double publications(ScrapedMetrics m, String outcome) {
        return m.value("medsafety_ruleset_publications_total", "outcome", outcome);
    }

    @Test
    void aPublicationARefusalAndARollbackEachMoveTheirCounter() {
        String served = activeVersion();
        ScrapedMetrics before = ScrapedMetrics.scrape();

        pharmacistAction().queryParam("reason", "metrics test").when().post("/admin/rulesets/reload")
                .then().statusCode(200);
        ScrapedMetrics published = ScrapedMetrics.scrape();
        assertThat(publications(published, "published") - publications(before, "published")).isEqualTo(1);
        assertThat(publications(published, "refused")).isEqualTo(publications(before, "refused"));

        byte[] broken = RulesetZips.shipped().put("rules/dose/broken.drl", """
                package dose;
                rule "BROKEN" @check("dose") @title("broken")
                when
                    $d : NoSuchFact( )
                then
                end
                """).zip();
        pharmacist().contentType("application/zip").body(broken).when().post("/admin/rulesets")
                .then().statusCode(422);
        ScrapedMetrics refused = ScrapedMetrics.scrape();
        assertThat(publications(refused, "refused") - publications(published, "refused")).isEqualTo(1);
        assertThat(publications(refused, "published")).isEqualTo(publications(published, "published"));

        pharmacistAction().queryParam("reason", "metrics test").when()
                .post("/admin/rulesets/" + served + "/activate").then().statusCode(200);
        ScrapedMetrics rolledBack = ScrapedMetrics.scrape();
        assertThat(rolledBack.value("medsafety_ruleset_rollbacks_total", "outcome", "activated")
                - refused.value("medsafety_ruleset_rollbacks_total", "outcome", "activated")).isEqualTo(1);
        assertThat(activeVersion()).isEqualTo(served);
        assertThat(rolledBack.value("medsafety_ruleset_follower_lag_seconds")).isZero();
    }
}
