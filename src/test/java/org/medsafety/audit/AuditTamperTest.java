package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.admin.AdminLog;
import org.medsafety.admin.RulesetLifecycleTestAccess;
import org.medsafety.testing.AuditTrailSnapshot;
import org.medsafety.testing.DatabaseSuperuser;
import org.medsafety.testing.FreshAuditDatabase;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering as the database superuser (PostgreSQL with every trigger off for the session; H2's admin), each case
 * on a trail of evaluations with cards, feedback, an admin action and an audit read, signed at its head; after each
 * case the trail is put back and must verify again. The integrity check names what it found, and never answers 5xx.
 */
@QuarkusTest
@TestProfile(AuditTamperTest.Tamper.class)
class AuditTamperTest {

    /** A database of its own; checkpoints only when a test asks (signNow), so each case starts from a known one. */
    public static class Tamper implements QuarkusTestProfile, FreshAuditDatabase {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("medsafety.audit.checkpoints.interval", "1h", "medsafety.audit.checkpoints.records",
                    "1000000");
        }
    }

    static final String SIGN = "/cds-services/medication-safety-sign";

    @Inject
    CheckpointSigner signer;

    @Inject
    AdminLog adminLog;

    private final List<Long> evaluations = new ArrayList<>();
    private AuditTrailSnapshot before;

    @BeforeEach
    void aSignedTrail() {
        for (int i = 0; i < 3; i++) {
            String card = given().contentType(ContentType.JSON).body(RulesetLifecycleTestAccess.naproxenRequest())
                    .when().post(SIGN).then().statusCode(200).extract().jsonPath().getString("cards[0].uuid");
            evaluations.add(newest("evaluation"));
            given().contentType(ContentType.JSON).body("{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":"
                            + "\"overridden\",\"outcomeTimestamp\":\"" + Instant.now() + "\"}]}")
                    .when().post(SIGN + "/feedback").then().statusCode(200);
        }
        adminLog.record("tamper-test", "test-action", "target", "done", "what the test did");
        given().auth().preemptive().basic("auditor", "auditor").queryParam("patientId", "tamper-nobody")
                .when().get("/audit/evaluations").then().statusCode(200);
        signer.signNow();
        assertThat(integrity(true).getBoolean("intact")).isTrue();
        before = AuditTrailSnapshot.take();
    }

    @AfterEach
    void putBack() {
        before.restore();
        JsonPath after = integrity(true);
        assertThat(after.getBoolean("intact")).as("restored trail: %s", after.getList("problems")).isTrue();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    /** The integrity check as an auditor: always 200, whatever was done to the database. */
    static JsonPath integrity(boolean full) {
        return given().auth().preemptive().basic("auditor", "auditor").queryParam("full", full)
                .when().get("/audit/integrity").then().statusCode(200).extract().jsonPath();
    }

    static long newest(String table) {
        return ((Number) DatabaseSuperuser.query("SELECT MAX(id) AS m FROM " + table).get(0).get("m")).longValue();
    }

    static long oldest(String table) {
        return ((Number) DatabaseSuperuser.query("SELECT MIN(id) AS m FROM " + table + " WHERE record_hash IS NOT NULL")
                .get(0).get("m")).longValue();
    }

    /**
     * A full check names {@code kind} in {@code chain} about record {@code id}. (An incremental check trusts what was
     * verified before its checkpoint: an edit there that leaves the stored hashes alone is the full check's to find.)
     */
    static void found(String chain, String kind, Long id) {
        found(chain, kind, id, new boolean[] {true});
    }

    /** Both the full and the incremental check name it. */
    static void foundEvenIncrementally(String chain, String kind, Long id) {
        found(chain, kind, id, new boolean[] {true, false});
    }

    private static void found(String chain, String kind, Long id, boolean[] modes) {
        for (boolean full : modes) {
            JsonPath r = integrity(full);
            assertThat(r.getBoolean("intact")).as("full=%s", full).isFalse();
            List<Map<String, Object>> problems = r.getList("problems");
            assertThat(problems).as("full=%s", full).anySatisfy(p -> {
                assertThat(p.get("chain")).isEqualTo(chain);
                assertThat(p.get("kind")).isEqualTo(kind);
                if (id != null) {
                    assertThat(((Number) p.get("id")).longValue()).isEqualTo(id);
                }
                assertThat((String) p.get("message")).isNotBlank();
            });
            assertThat(r.getBoolean("chains." + chain + ".intact")).isFalse();
        }
    }

    private static void deleteEvaluation(long id) {
        DatabaseSuperuser.run("DELETE FROM evaluation_card WHERE evaluation_id = ?", id);
        DatabaseSuperuser.run("DELETE FROM evaluation WHERE id = ?", id);
    }

    // --- evaluations and their card rows -------------------------------------------------------------------------

    @Test
    void anEditedEvaluationIsNamed() {
        long middle = evaluations.get(evaluations.size() - 2);
        DatabaseSuperuser.run("UPDATE evaluation SET patient_id = 'someone-else' WHERE id = ?", middle);
        found("evaluation", "altered", middle);
        assertThat(integrity(true).getLong("firstBroken")).isEqualTo(middle);
    }

    @Test
    void anEditedCardRowIsNamedByItsEvaluation() {
        long id = evaluations.get(evaluations.size() - 2);
        for (String edit : List.of("indicator = 'info'", "rule_id = 'DOSE-MAX-DAILY'", "drugs = 'ibuprofen'",
                "knowledge_id = 'DDI-OTHER'", "summary = 'Nothing to see'", "rxcuis = ',1,'")) {
            DatabaseSuperuser.run("UPDATE evaluation_card SET " + edit + " WHERE evaluation_id = ?", id);
            found("evaluation", "altered", id);
            before.restore();
        }
    }

    @Test
    void aCardRowRemovedOrAddedIsNamed() {
        long id = evaluations.get(evaluations.size() - 2);
        long card = ((Number) DatabaseSuperuser.query("SELECT MIN(id) AS m FROM evaluation_card WHERE evaluation_id = ?",
                id).get(0).get("m")).longValue();
        DatabaseSuperuser.run("DELETE FROM evaluation_card WHERE id = ?", card);
        found("evaluation", "altered", id);
        before.restore();
        DatabaseSuperuser.run("INSERT INTO evaluation_card (evaluation_id, card_uuid, rule_id, check_kind, indicator, "
                + "summary) VALUES (?, '00000000-0000-4000-8000-000000000000', 'DDI-TABLE', 'interaction', 'critical', "
                + "'Invented')", id);
        found("evaluation", "altered", id);
    }

    @Test
    void aDeletedFirstMiddleOrNewestEvaluationIsNamed() {
        long first = oldest("evaluation");
        long second = ((Number) DatabaseSuperuser.query("SELECT MIN(id) AS m FROM evaluation WHERE id > ?", first)
                .get(0).get("m")).longValue();
        deleteEvaluation(first);
        found("evaluation", "link-broken", second);
        before.restore();

        long middle = evaluations.get(evaluations.size() - 2);
        long after = evaluations.get(evaluations.size() - 1);
        deleteEvaluation(middle);
        found("evaluation", "link-broken", after);
        if (DatabaseSuperuser.postgres()) {
            // PostgreSQL's superuser can leave the card rows behind (the foreign key is off with the triggers).
            before.restore();
            DatabaseSuperuser.run("DELETE FROM evaluation WHERE id = ?", middle);
            found("evaluation", "card-orphan", middle);
        }
        before.restore();

        long newest = evaluations.get(evaluations.size() - 1);
        deleteEvaluation(newest);
        foundEvenIncrementally("evaluation", "newest-missing", newest);
        assertThat(integrity(false).getLong("firstBroken")).isEqualTo(newest);
    }

    @Test
    void aTruncatedTableIsNamed() {
        Map<String, List<String>> tables = Map.of("evaluation", List.of("evaluation_card", "evaluation"),
                "feedback", List.of("card_feedback"), "adminActions", List.of("admin_action"),
                "auditReads", List.of("audit_read"));
        for (var chain : tables.entrySet()) {
            if (DatabaseSuperuser.postgres()) {
                DatabaseSuperuser.run("TRUNCATE " + String.join(", ", chain.getValue()));
            } else {
                chain.getValue().forEach(t -> DatabaseSuperuser.run("DELETE FROM " + t));
            }
            foundEvenIncrementally(chain.getKey(), "newest-missing", null);
            before.restore();
        }
    }

    @Test
    void aRecordRewrittenInTheOldFormatIsNamed() {
        long newest = evaluations.get(evaluations.size() - 1);
        DatabaseSuperuser.run("UPDATE evaluation SET hash_format = NULL WHERE id = ?", newest);
        found("evaluation", "format-downgrade", newest);
    }

    // --- heads and checkpoints -------------------------------------------------------------------------------------

    @Test
    void aDeletedOrEditedChainHeadIsNamedWithoutA5xx() {
        for (var chain : Chain.values()) {
            DatabaseSuperuser.run("DELETE FROM audit_chain_head WHERE id = ?", chain.headId);
            foundEvenIncrementally(chain.label, "head-missing", null);
            before.restore();
        }
        DatabaseSuperuser.run("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1", "f".repeat(64));
        foundEvenIncrementally("evaluation", "head-mismatch", null);
        before.restore();
        // Rolled back to hide the newest record: the signed checkpoint names a record beyond it.
        long newest = evaluations.get(evaluations.size() - 1);
        String previous = (String) DatabaseSuperuser.query("SELECT prev_hash FROM evaluation WHERE id = ?", newest)
                .get(0).get("prev_hash");
        DatabaseSuperuser.run("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1",
                evaluations.get(evaluations.size() - 2), previous);
        foundEvenIncrementally("evaluation", "checkpoint-beyond-head", newest);
    }

    @Test
    void aDeletedOrEditedCheckpointIsNamed() {
        long checkpoint = ((Number) DatabaseSuperuser.query("SELECT MAX(id) AS m FROM audit_checkpoint WHERE "
                + "chain = 'evaluation' AND kind = 'signed'").get(0).get("m")).longValue();
        DatabaseSuperuser.run("DELETE FROM audit_checkpoint WHERE id = ?", checkpoint);
        foundEvenIncrementally("evaluation", "checkpoint-deleted", null);
        before.restore();
        DatabaseSuperuser.run("UPDATE audit_checkpoint SET last_id = last_id - 1 WHERE id = ?", checkpoint);
        foundEvenIncrementally("evaluation", "checkpoint-forged", null);
        foundEvenIncrementally("evaluation", "checkpoint-altered", null);
        before.restore();
        // A signature that is not this key's, on a checkpoint that never was.
        DatabaseSuperuser.run("INSERT INTO audit_checkpoint (last_id, last_hash, checked_at, kind, chain, signature, "
                + "key_id) VALUES (1, ?, CURRENT_TIMESTAMP, 'purge', 'evaluation', 'AAAA', '0123456789abcdef')",
                "0".repeat(64));
        foundEvenIncrementally("evaluation", "checkpoint-untrusted-key", null);
    }

    @Test
    void anEditedCheckpointFileIsNamed() throws Exception {
        var file = AuditTrailSnapshot.checkpointFilePath();
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\"lastId\":(\\d+)", "\"lastId\":999999"));
        JsonPath r = integrity(true);
        assertThat(r.getBoolean("intact")).isFalse();
        assertThat(r.getList("problems.kind", String.class)).contains("checkpoint-forged");
        Files.writeString(file, text + "{not json\n");
        assertThat(integrity(true).getList("problems.kind", String.class)).contains("checkpoint-file-altered");
    }

    @Test
    void aChainRewrittenWithEveryHashRecomputedIsCaughtByTheSignedCheckpoints() {
        long first = oldest("evaluation");
        DatabaseSuperuser.run("UPDATE evaluation SET patient_id = 'someone-else' WHERE id = ?", first);
        recomputeEvaluationChainFrom(first);
        for (boolean full : new boolean[] {true, false}) {
            JsonPath r = integrity(full);
            assertThat(r.getBoolean("intact")).isFalse();
            // The hashes agree with each other again: only what was signed outside the database tells.
            assertThat(r.getList("problems.kind", String.class)).as("full=%s", full)
                    .contains("checkpoint-mismatch")
                    .doesNotContain("altered", "link-broken", "newest-missing", "head-mismatch");
        }
    }

    /** What an attacker who knows the algorithm does: recompute every hash after the edit, and the head. */
    private static void recomputeEvaluationChainFrom(long first) {
        List<EvaluationRecord> rows = QuarkusTransaction.requiringNew().call(() ->
                EvaluationRecord.<EvaluationRecord>list("id >= ?1", Sort.ascending("id"), first));
        String running = (String) DatabaseSuperuser.query("SELECT prev_hash FROM evaluation WHERE id = ?", first)
                .get(0).get("prev_hash");
        for (EvaluationRecord e : rows) {
            List<CardRecord> cards = QuarkusTransaction.requiringNew().call(() ->
                    CardRecord.<CardRecord>list("evaluationId", Sort.ascending("id"), e.id));
            String hash = AuditChain.hash(running, e, cards);
            DatabaseSuperuser.run("UPDATE evaluation SET prev_hash = ?, record_hash = ? WHERE id = ?", running, hash,
                    e.id);
            running = hash;
        }
        DatabaseSuperuser.run("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1", running);
    }

    @Test
    void aPurgeAnchorFromBeforeSigningIsVouchedForAtTheFirstStartAndOneAddedLaterIsNot() {
        long first = oldest("evaluation");
        String hash = (String) DatabaseSuperuser.query("SELECT record_hash FROM evaluation WHERE id = ?", first)
                .get(0).get("record_hash");
        DatabaseSuperuser.run("DELETE FROM evaluation_card WHERE evaluation_id <= ?", first);
        DatabaseSuperuser.run("DELETE FROM evaluation WHERE id <= ?", first);
        // As an earlier version's purge left it: no signature.
        DatabaseSuperuser.run("INSERT INTO audit_checkpoint (last_id, last_hash, checked_at, kind, chain) "
                + "VALUES (?, ?, CURRENT_TIMESTAMP, 'purge', 'evaluation')", first, hash);
        foundEvenIncrementally("evaluation", "anchor-unsigned", first);
        signer.adoptUnsignedAnchors(); // what the first start after the upgrade does
        for (boolean full : new boolean[] {true, false}) {
            JsonPath r = integrity(full);
            assertThat(r.getBoolean("intact")).as("full=%s: %s", full, r.getList("problems")).isTrue();
        }
    }

    // --- feedback, admin actions, audit reads ----------------------------------------------------------------------

    @Test
    void tamperedFeedbackAdminActionsAndAuditReadsAreNamed() {
        long feedback = newest("card_feedback");
        DatabaseSuperuser.run("UPDATE card_feedback SET outcome = 'accepted' WHERE id = ?", feedback);
        found("feedback", "altered", feedback);
        before.restore();
        long firstFeedback = oldest("card_feedback");
        long nextFeedback = ((Number) DatabaseSuperuser.query("SELECT MIN(id) AS m FROM card_feedback WHERE id > ?",
                firstFeedback).get(0).get("m")).longValue();
        DatabaseSuperuser.run("DELETE FROM card_feedback WHERE id = ?", firstFeedback);
        found("feedback", "link-broken", nextFeedback);
        before.restore();

        long action = newest("admin_action");
        DatabaseSuperuser.run("UPDATE admin_action SET actor = 'someone-else' WHERE id = ?", action);
        found("adminActions", "altered", action);
        before.restore();
        DatabaseSuperuser.run("DELETE FROM admin_action WHERE id = ?", action);
        foundEvenIncrementally("adminActions", "newest-missing", action);
        before.restore();

        long read = newest("audit_read");
        DatabaseSuperuser.run("UPDATE audit_read SET patient_id = 'someone-else' WHERE id = ?", read);
        found("auditReads", "altered", read);
        before.restore();
        DatabaseSuperuser.run("DELETE FROM audit_read WHERE id = ?", read);
        foundEvenIncrementally("auditReads", "newest-missing", read);
    }
}
