package org.medsafety.audit;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.medsafety.config.DeploymentDefaults;

import java.util.ArrayList;
import java.util.List;

/**
 * On PostgreSQL, checks that the service's own database role cannot alter the audit trail: not a superuser, not the
 * tables' owner (who can disable their triggers), no UPDATE, DELETE or TRUNCATE on them. Off loopback the service
 * refuses to start otherwise, as it does without a clients file or a signing key; the loopback quick start warns.
 */
@ApplicationScoped
public class DatabaseRoleCheck {

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @ConfigProperty(name = "quarkus.http.host")
    String host;

    void onStart(@Observes StartupEvent event) {
        if (!"postgresql".equals(dbKind)) {
            return; // the embedded database has one user; the hash chains and signed checkpoints still hold
        }
        List<String> powers = powers();
        if (powers.isEmpty()) {
            return;
        }
        String what = "The service's database role " + String.join(", ", powers) + ", so the service itself (or "
                + "anyone with its credentials) could alter the audit trail. Run migrations as the owner and the service "
                + "as a runtime role that may only insert and read audit rows: see docs/operations-database.md.";
        if (!DeploymentDefaults.isLoopback(host)) {
            throw new IllegalStateException("Listening on " + host + ": " + what);
        }
        Log.warn(what + " (Tolerated on loopback only.)");
    }

    List<String> powers() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = "
                    + "current_user), pg_get_userbyid(c.relowner) = current_user, "
                    + "has_table_privilege(c.oid, 'UPDATE'), has_table_privilege(c.oid, 'DELETE'), "
                    + "has_table_privilege(c.oid, 'TRUNCATE') FROM pg_class c "
                    + "WHERE c.oid = to_regclass('evaluation')").getSingleResult();
            List<String> found = new ArrayList<>();
            if (Boolean.TRUE.equals(row[0])) {
                found.add("is a superuser");
            }
            if (Boolean.TRUE.equals(row[1])) {
                found.add("owns the audit tables");
            }
            if (Boolean.TRUE.equals(row[2]) || Boolean.TRUE.equals(row[3]) || Boolean.TRUE.equals(row[4])) {
                found.add("may UPDATE, DELETE or TRUNCATE them");
            }
            return found;
        });
    }
}
