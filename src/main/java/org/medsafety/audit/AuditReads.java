package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Records every read of the audit trail: auditors are audited too. */
@ApplicationScoped
public class AuditReads {

    public void record(String reader, String what, String patientId, String filters, Integer count) {
        QuarkusTransaction.requiringNew().run(() -> {
            ChainHead head = ChainHead.lock(Chain.AUDIT_READS);
            AuditRead r = new AuditRead();
            r.readAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            r.reader = reader == null || reader.length() <= 100 ? reader : reader.substring(0, 100);
            r.what = what;
            r.patientId = patientId;
            r.filters = filters == null || filters.length() <= 2000 ? filters : filters.substring(0, 2000);
            r.resultCount = count;
            r.prevHash = head.lastHash;
            r.recordHash = AuditChain.hash(head.lastHash, r);
            r.persist();
            head.advance(r.id, r.recordHash);
        });
    }
}
