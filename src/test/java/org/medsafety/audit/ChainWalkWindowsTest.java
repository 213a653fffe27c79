package org.medsafety.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.admin.RulesetLifecycleTestAccess;
import org.medsafety.testing.AuditTrailSnapshot;
import org.medsafety.testing.DatabaseSuperuser;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integrity check reads a chain in windows of {@link ChainWalk#WINDOW} records (so a checkpoint over thousands
 * of records does not hold them all in memory): what it finds must not depend on where a window ends.
 */
@QuarkusTest
@TestProfile(AuditTamperTest.Tamper.class)
class ChainWalkWindowsTest {

    private static final int RECORDS = ChainWalk.WINDOW + 40;

    private List<Long> ids;
    private AuditTrailSnapshot before;

    @BeforeEach
    void moreRecordsThanOneWindow() {
        long have = count();
        for (long i = have; i < RECORDS; i++) {
            given().contentType(ContentType.JSON).body(RulesetLifecycleTestAccess.naproxenRequest())
                    .when().post(AuditTamperTest.SIGN).then().statusCode(200);
        }
        ids = DatabaseSuperuser.query("SELECT id FROM evaluation ORDER BY id").stream()
                .map(row -> ((Number) row.get("id")).longValue()).toList();
        assertThat(ids).hasSizeGreaterThan(ChainWalk.WINDOW);
        JsonPath intact = AuditTamperTest.integrity(true);
        assertThat(intact.getBoolean("intact")).as("%s", intact.getList("problems")).isTrue();
        assertThat(intact.getLong("chains.evaluation.checked")).isEqualTo(ids.size());
        before = AuditTrailSnapshot.take();
    }

    @AfterEach
    void putBack() {
        before.restore();
    }

    @Test
    void anEditInTheSecondWindowIsNamed() {
        long late = ids.get(ChainWalk.WINDOW + 10);
        DatabaseSuperuser.run("UPDATE evaluation SET patient_id = 'someone-else' WHERE id = ?", late);
        AuditTamperTest.found("evaluation", "altered", late);
    }

    @Test
    void aRecordRemovedWhereAWindowEndsBreaksTheLinkOfTheNextOne() {
        // The first id of the chain may not be 1; windows count ids from the walk's start, so remove the records
        // on both sides of every window edge in the middle of the chain.
        long edge = ids.get(ChainWalk.WINDOW - 1);
        long next = ids.get(ChainWalk.WINDOW);
        long after = ids.get(ChainWalk.WINDOW + 1);
        DatabaseSuperuser.run("DELETE FROM evaluation_card WHERE evaluation_id IN (?, ?)", edge, next);
        DatabaseSuperuser.run("DELETE FROM evaluation WHERE id IN (?, ?)", edge, next);
        AuditTamperTest.found("evaluation", "link-broken", after);
    }

    private static long count() {
        return ((Number) DatabaseSuperuser.query("SELECT COUNT(*) AS n FROM evaluation").get(0).get("n")).longValue();
    }
}
