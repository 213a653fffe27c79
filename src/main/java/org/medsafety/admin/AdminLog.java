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
            // Staff names come from the identity provider: cut to the column rather than lose the record.
            r.actor = cut(actor, 100);
            r.action = action;
            r.target = cut(target, 200);
            r.outcome = outcome;
            r.detail = detail;
            r.persist();
        });
    }

    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
