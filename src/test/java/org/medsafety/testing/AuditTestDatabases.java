package org.medsafety.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Registers {@link AuditTestDatabase} for every Quarkus test boot. */
@WithTestResource(value = AuditTestDatabase.class, scope = TestResourceScope.GLOBAL)
public final class AuditTestDatabases {

    private AuditTestDatabases() {
    }
}
