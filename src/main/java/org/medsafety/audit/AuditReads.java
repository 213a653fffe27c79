package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Records every read of the audit trail: auditors are audited too. */
@ApplicationScoped
public class AuditReads {

    public void record(String reader, String what, String patientId, String filters, Integer count) {
        QuarkusTransaction.requiringNew().run(() -> {
            AuditRead r = new AuditRead();
            r.readAt = Instant.now();
            r.reader = reader == null || reader.length() <= 100 ? reader : reader.substring(0, 100);
            r.what = what;
            r.patientId = patientId;
            r.filters = filters == null || filters.length() <= 2000 ? filters : filters.substring(0, 2000);
            r.resultCount = count;
            r.persist();
        });
    }
}
