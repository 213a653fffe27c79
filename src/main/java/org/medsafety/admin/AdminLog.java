package org.medsafety.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Records every admin action, whatever its outcome, in its own transaction. */
@ApplicationScoped
public class AdminLog {

    public void record(String actor, String action, String target, String outcome, String detail) {
        QuarkusTransaction.requiringNew().run(() -> {
            AdminActionRecord r = new AdminActionRecord();
            r.actedAt = Instant.now();
            r.actor = actor;
            r.action = action;
            r.target = target;
            r.outcome = outcome;
            r.detail = detail;
            r.persist();
        });
    }
}
