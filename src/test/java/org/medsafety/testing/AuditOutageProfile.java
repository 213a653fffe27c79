package org.medsafety.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The service with a short audit write deadline and a journal of its own, so that a test can hold the chain head
 * and see records go to the journal and come back.
 */
public class AuditOutageProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("medsafety.audit.write-deadline", "300ms",
                "medsafety.audit.journal-dir", "target/audit-journal-outage-" + ProcessHandle.current().pid());
    }
}
