package org.medsafety.admin;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.medsafety.audit.AuditChain;
import org.medsafety.audit.Chain;
import org.medsafety.audit.ChainHead;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Records every admin action, whatever its outcome, in its own transaction, on the admin actions' hash chain. */
@ApplicationScoped
public class AdminLog {

    public void record(String actor, String action, String target, String outcome, String detail) {
        QuarkusTransaction.requiringNew().run(() -> {
            ChainHead head = ChainHead.lock(Chain.ADMIN_ACTIONS);
            AdminActionRecord r = next(head.lastHash, Instant.now(), actor, action, target, outcome, detail);
            r.persist();
            head.advance(r.id, r.recordHash);
        });
    }

    /** The admin row that follows {@code previousHash}, hashed, not yet stored. */
    public static AdminActionRecord next(String previousHash, Instant actedAt, String actor, String action,
                                         String target, String outcome, String detail) {
        AdminActionRecord r = new AdminActionRecord();
        // Microseconds, as both databases store them, so the hash recomputed from the row matches.
        r.actedAt = actedAt.truncatedTo(ChronoUnit.MICROS);
        // Staff names come from the identity provider: cut to the column rather than lose the record.
        r.actor = cut(actor, 100);
        r.action = action;
        r.target = cut(target, 200);
        r.outcome = outcome;
        r.detail = detail;
        r.prevHash = previousHash;
        r.recordHash = AuditChain.adminActionHash(previousHash, r.actedAt, r.actor, r.action, r.target, r.outcome,
                r.detail);
        return r;
    }

    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
