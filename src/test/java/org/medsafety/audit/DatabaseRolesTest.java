package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medsafety.admin.RulesetLifecycleTestAccess;
import org.medsafety.testing.AuditTestDatabase;
import org.medsafety.testing.DatabaseSuperuser;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * PostgreSQL roles (docs/operations-database.md): the service runs as a role that can insert and read audit rows and
 * nothing more; the triggers refuse direct edits even to a superuser who leaves them on; the purge function refuses
 * anything younger than six years.
 */
@QuarkusTest
class DatabaseRolesTest {

    @Inject
    EntityManager em;

    @Inject
    DatabaseRoleCheck roleCheck;

    @Inject
    CheckpointSigner signer;

    private long id;

    @BeforeEach
    void anEvaluation() {
        assumeTrue(DatabaseSuperuser.postgres(), "roles and triggers are PostgreSQL's");
        given().contentType(ContentType.JSON).body(RulesetLifecycleTestAccess.naproxenRequest())
                .when().post("/cds-services/medication-safety-sign").then().statusCode(200);
        id = QuarkusTransaction.requiringNew().call(() ->
                EvaluationRecord.<EvaluationRecord>find("order by id desc").firstResult().id);
    }

    /** As the service's own database role, the one the running service uses. */
    private void asService(String sql) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate());
    }

    @Test
    void theServiceRunsAsARoleThatCanOnlyInsertAndReadAuditRows() {
        String user = QuarkusTransaction.requiringNew().call(() ->
                (String) em.createNativeQuery("SELECT current_user").getSingleResult());
        assertThat(user).isEqualTo(AuditTestDatabase.RUNTIME);
        assertThat(roleCheck.powers()).isEmpty();
        for (String sql : List.of(
                "UPDATE evaluation SET patient_id = 'x' WHERE id = " + id,
                "DELETE FROM evaluation WHERE id = " + id,
                "UPDATE evaluation_card SET indicator = 'info' WHERE evaluation_id = " + id,
                "DELETE FROM evaluation_card WHERE evaluation_id = " + id,
                "UPDATE card_feedback SET outcome = 'accepted'",
                "DELETE FROM admin_action",
                "DELETE FROM audit_read",
                "DELETE FROM ruleset_activation",
                "UPDATE ruleset_file SET content = 'x'",
                "DELETE FROM audit_checkpoint",
                "DELETE FROM audit_chain_head",
                "INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (9, 0, 'x')",
                "TRUNCATE evaluation CASCADE", "TRUNCATE evaluation_card", "TRUNCATE card_feedback",
                "TRUNCATE admin_action", "TRUNCATE audit_read", "TRUNCATE ruleset_activation",
                "TRUNCATE audit_checkpoint", "TRUNCATE audit_chain_head",
                "ALTER TABLE evaluation DISABLE TRIGGER USER",
                "ALTER TABLE evaluation DISABLE TRIGGER evaluation_append_only",
                "DROP TRIGGER evaluation_append_only ON evaluation",
                "CREATE OR REPLACE FUNCTION medsafety_append_only() RETURNS trigger AS 'BEGIN RETURN OLD; END' "
                        + "LANGUAGE plpgsql",
                "SET session_replication_role = replica")) {
            assertThatThrownBy(() -> asService(sql)).as(sql).satisfiesAnyOf(
                            e -> assertThat(e).hasStackTraceContaining("permission denied"),
                            e -> assertThat(e).hasStackTraceContaining("must be owner"));
        }
        // The session flag that used to unlock deletion is gone.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("SET LOCAL medsafety.purge = 'on'").executeUpdate();
            em.createNativeQuery("DELETE FROM evaluation WHERE id = " + id).executeUpdate();
        })).hasStackTraceContaining("permission denied");
    }

    @Test
    void theRuntimeRoleMovesAChainHeadOnlyForwardToARecordWithThatHash() {
        assertThatThrownBy(() -> asService("UPDATE audit_chain_head SET last_hash = '"
                + "f".repeat(64) + "' WHERE id = 1")).hasStackTraceContaining("a head only moves forward");
        assertThatThrownBy(() -> asService("UPDATE audit_chain_head SET last_id = last_id + 1000 WHERE id = 1"))
                .hasStackTraceContaining("is not in evaluation");
        assertThatThrownBy(() -> asService("INSERT INTO audit_checkpoint (last_id, last_hash, checked_at, kind, chain) "
                + "VALUES (1, 'x', now(), 'purge', 'evaluation')")).hasStackTraceContaining("only signed checkpoints");
    }

    @Test
    void theTriggersRefuseDirectEditsEvenToASuperuserWhoLeavesThemOn() throws Exception {
        signer.signNow(); // a checkpoint row to try to edit
        String url = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.url", String.class);
        for (String sql : List.of("UPDATE evaluation SET patient_id = 'x' WHERE id = " + id,
                "DELETE FROM evaluation_card WHERE evaluation_id = " + id,
                "UPDATE audit_checkpoint SET last_hash = 'x'",
                "DELETE FROM ruleset_file",
                "TRUNCATE admin_action", "TRUNCATE audit_read", "TRUNCATE ruleset_activation CASCADE", "TRUNCATE ruleset_file",
                "TRUNCATE ruleset_version CASCADE", "TRUNCATE audit_checkpoint", "TRUNCATE audit_chain_head",
                "TRUNCATE evaluation, evaluation_card", "TRUNCATE card_feedback")) {
            try (Connection c = DriverManager.getConnection(url, AuditTestDatabase.SUPERUSER, "");
                 Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).hasMessageContaining("append-only");
            }
        }
    }

    @Test
    void thePurgeFunctionRefusesRecordsYoungerThanSixYears() {
        String hash = QuarkusTransaction.requiringNew().call(() ->
                EvaluationRecord.<EvaluationRecord>findById(id).recordHash);
        long count = QuarkusTransaction.requiringNew().call(() -> EvaluationRecord.count("id <= ?1", id));
        String head = QuarkusTransaction.requiringNew().call(() -> ChainHead.<ChainHead>findById(3).lastHash);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "SELECT medsafety_purge_audit(?1, ?2, ?3, NULL, NULL, 0, now(), 'k', 's', NULL, now(), 'x', NULL, "
                        + "'d', ?4, ?5)").setParameter(1, id).setParameter(2, hash).setParameter(3, count)
                .setParameter(4, head).setParameter(5, "0".repeat(64)).getSingleResult()))
                .hasStackTraceContaining("younger than six years");
    }
}
