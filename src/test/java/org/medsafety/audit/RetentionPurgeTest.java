package org.medsafety.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.medsafety.admin.AdminActionRecord;
import org.medsafety.admin.RulesetLifecycleTestAccess;
import org.medsafety.errors.UnprocessableEntityException;
import org.medsafety.testing.AuditTrailSnapshot;
import org.medsafety.testing.FreshAuditDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Retention, on a database of its own whose first records are seven years old: those are exported (fsynced, owner
 * only), then purged in one transaction with their signed anchors and the admin record; the chains after them still
 * verify; records younger than the six-year floor are never purged.
 */
@QuarkusTest
@TestProfile(RetentionPurgeTest.Retention.class)
class RetentionPurgeTest {

    /** Retention just over the floor, so that seven-year-old records are past it. */
    public static class Retention implements QuarkusTestProfile, FreshAuditDatabase {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("medsafety.audit.retention", "P2200D", "medsafety.audit.checkpoints.interval", "1h");
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AuditTrail audit;

    @Inject
    CheckpointSigner signer;

    /** An evaluation recorded {@code age} ago, through the service's own writer (so chained as any other). */
    private String recordOld(Duration age) throws Exception {
        EvaluationRecord e = new EvaluationRecord();
        e.hookInstance = UUID.randomUUID().toString();
        e.serviceId = "medication-safety-sign";
        e.hook = "order-sign";
        e.evaluatedAt = Instant.now().minus(age).truncatedTo(ChronoUnit.MICROS);
        e.patientId = "retention-patient";
        e.rulesetVersion = "old-version";
        e.durationMicros = 1200;
        e.cardCount = 1;
        e.snapshotJson = "{}";
        e.cardsJson = "[{\"summary\":\"Major interaction\"}]";
        CardRecord c = new CardRecord();
        c.cardUuid = UUID.randomUUID().toString();
        c.ruleId = "DDI-TABLE";
        c.checkKind = "interaction";
        c.knowledgeId = "DDI-WARFARIN-NSAID";
        c.indicator = "warning";
        c.severity = "major";
        c.drugs = "naproxen,warfarin";
        c.rxcuis = ",7258,11289,";
        c.summary = "Major interaction";
        audit.append(e, List.of(c)).get();
        return c.cardUuid;
    }

    private void feedbackOld(String card, Duration age) {
        FeedbackRecord f = new FeedbackRecord();
        f.cardUuid = card;
        f.serviceId = "medication-safety-sign";
        f.outcome = "overridden";
        f.outcomeTimestamp = Instant.now().minus(age);
        f.overrideCode = "risk-benefit-ratio";
        f.userComment = "benefit outweighs the risk";
        f.receivedAt = Instant.now().minus(age);
        audit.recordFeedback(List.of(f));
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user).header("X-Requested-By", "test");
    }

    @Test
    void recordsPastRetentionAreExportedThenPurgedWithSignedAnchorsAndTheChainsStillVerify() throws Exception {
        Duration sevenYears = Duration.ofDays(7 * 365);
        String oldCard = recordOld(sevenYears);
        feedbackOld(oldCard, sevenYears);
        recordOld(sevenYears.minusDays(30));
        // Younger than the floor: kept, whatever the retention says.
        String recentCard = recordOld(Duration.ofDays(5 * 365));
        given().contentType(ContentType.JSON).body(RulesetLifecycleTestAccess.naproxenRequest())
                .when().post("/cds-services/medication-safety-sign").then().statusCode(200);
        feedbackOld(recentCard, Duration.ofDays(1));
        signer.signNow();

        ExtractableResponse<Response> purged = as("records-officer").queryParam("reason", "yearly retention review")
                .when().post("/admin/audit/purge").then().statusCode(200).extract();
        assertThat(purged.jsonPath().getLong("purged")).isEqualTo(2);
        assertThat(purged.jsonPath().getLong("feedbackPurged")).isEqualTo(1);
        long lastPurged = purged.jsonPath().getLong("lastPurgedId");

        Path archive = Path.of(purged.jsonPath().getString("archive"));
        List<String> lines = Files.readAllLines(archive);
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("recordHash").asText()).hasSize(64);
        assertThat(first.get("hashFormat").asInt()).isEqualTo(2);
        assertThat(first.get("cardRows").get(0).get("indicator").asText()).isEqualTo("warning");
        // The archive keeps every feedback field, with its own hashes.
        JsonNode feedback = first.get("feedback").get(oldCard).get(0);
        assertThat(feedback.get("userComment").asText()).isEqualTo("benefit outweighs the risk");
        assertThat(feedback.get("recordHash").asText()).hasSize(64);
        assertThat(Files.getPosixFilePermissions(archive)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(sha256(archive)).isEqualTo(purged.jsonPath().getString("archiveSha256"));

        long left = QuarkusTransaction.requiringNew().call(() -> EvaluationRecord.count("id <= ?1", lastPurged));
        assertThat(left).isZero();
        long kept = QuarkusTransaction.requiringNew().call(() -> EvaluationRecord.count());
        assertThat(kept).isEqualTo(2);

        // One admin record, written with the deletion, on the admin chain, naming the archive and its checksum.
        long adminId = purged.jsonPath().getLong("adminActionId");
        AdminActionRecord admin = QuarkusTransaction.requiringNew().call(() -> AdminActionRecord.findById(adminId));
        assertThat(admin.action).isEqualTo("audit-purge");
        assertThat(admin.outcome).isEqualTo("done");
        assertThat(admin.detail).contains("yearly retention review", archive.toString(),
                purged.jsonPath().getString("archiveSha256"));
        assertThat(admin.recordHash).isNotNull();
        long purgeRecords = QuarkusTransaction.requiringNew().call(() -> AdminActionRecord.count("action", "audit-purge"));
        assertThat(purgeRecords).isEqualTo(1);

        // The anchors are signed, in the database and in the checkpoint file.
        as("auditor").when().get("/audit/checkpoints").then().statusCode(200)
                .body("checkpoints.findAll { it.kind == 'purge' }.chain", org.hamcrest.Matchers.containsInAnyOrder(
                        "evaluation", "feedback"))
                .body("checkpoints.findAll { it.kind == 'purge' }.inFile", org.hamcrest.Matchers.everyItem(
                        equalTo(true)));

        given().contentType(ContentType.JSON).body(RulesetLifecycleTestAccess.naproxenRequest())
                .when().post("/cds-services/medication-safety-sign").then().statusCode(200);
        signer.signNow();
        for (boolean full : new boolean[] {true, false}) {
            as("auditor").queryParam("full", full).when().get("/audit/integrity").then().statusCode(200)
                    .body("intact", equalTo(true));
        }
        // Nothing else is past retention now: a second purge removes nothing, and says so in the admin record.
        as("records-officer").queryParam("reason", "again").when().post("/admin/audit/purge").then().statusCode(200)
                .body("purged", equalTo(0));
    }

    @Test
    void aForgedPurgeAnchorIsNamed() throws Exception {
        AuditTrailSnapshot before = AuditTrailSnapshot.take();
        try {
            recordOld(Duration.ofDays(10));
            long victim = QuarkusTransaction.requiringNew().call(() ->
                    EvaluationRecord.<EvaluationRecord>find("order by id desc").firstResult().id);
            recordOld(Duration.ofDays(9));
            signer.signNow();
            // Someone with database rights "purges" a recent record: deletes it and writes an anchor, unsigned.
            String hash = (String) org.medsafety.testing.DatabaseSuperuser.query(
                    "SELECT record_hash FROM evaluation WHERE id = ?", victim).get(0).get("record_hash");
            org.medsafety.testing.DatabaseSuperuser.run("DELETE FROM evaluation_card WHERE evaluation_id <= ?", victim);
            org.medsafety.testing.DatabaseSuperuser.run("DELETE FROM evaluation WHERE id <= ?", victim);
            org.medsafety.testing.DatabaseSuperuser.run("INSERT INTO audit_checkpoint (last_id, last_hash, checked_at, "
                    + "kind, chain) VALUES (?, ?, CURRENT_TIMESTAMP, 'purge', 'evaluation')", victim, hash);
            as("auditor").queryParam("full", true).when().get("/audit/integrity").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("problems.kind", org.hamcrest.Matchers.hasItem("anchor-unsigned"));
        } finally {
            before.restore();
        }
    }

    @Test
    void aPurgeNeedsAReasonAndTheRecordsOfficerRole() {
        as("records-officer").when().post("/admin/audit/purge")
                .then().statusCode(400).body("issue[0].diagnostics", containsString("reason"));
        // The rule authors cannot erase the trail of what they did; auditors read it and do not delete it.
        as("pharmacist").queryParam("reason", "x").when().post("/admin/audit/purge").then().statusCode(403);
        as("auditor").queryParam("reason", "x").when().post("/admin/audit/purge").then().statusCode(403);
    }

    @Test
    void aRetentionBelowTheSixYearFloorIsRefused() {
        assertThatThrownBy(() -> RetentionPurge.checkRetention(Duration.ofDays(30)))
                .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("MEDSAFETY_AUDIT_RETENTION")
                .hasMessageContaining("6 years");
        RetentionPurge.checkRetention(Duration.ofDays(3650));
        // Six calendar years back is never later than the floor the database function applies.
        Instant now = Instant.now();
        assertThat(now.minus(Duration.ofDays(365L * 6 + 2)))
                .isBefore(now.atZone(ZoneOffset.UTC).minusYears(6).toInstant());
    }

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
