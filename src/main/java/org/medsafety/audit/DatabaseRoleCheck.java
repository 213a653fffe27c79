package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * On PostgreSQL, finds what the service's own database role could do to the audit trail: be a superuser, own the
 * tables (and so disable their triggers), UPDATE, DELETE or TRUNCATE them. {@code config.StartupSettingsCheck} asks
 * at start: off loopback any of these stops the start; the loopback quick start warns.
 */
@ApplicationScoped
public class DatabaseRoleCheck {

    @Inject
    EntityManager em;

    /** Why the role could alter the audit trail, as one sentence; empty when it cannot. */
    public Optional<String> danger() {
        List<String> powers = powers();
        if (powers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("The service's database role " + String.join(", ", powers) + ", so the service itself "
                + "(or anyone with its credentials) could alter the audit trail. Run migrations as the owner and the "
                + "service as a runtime role that may only insert and read audit rows: see "
                + "docs/operations-database.md");
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
