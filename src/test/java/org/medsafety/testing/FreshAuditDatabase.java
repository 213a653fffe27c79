package org.medsafety.testing;

/**
 * A test profile that gets a database of its own, empty when the profile starts (H2 in memory, or a PostgreSQL
 * database named after the profile): for tests that tamper with the audit trail or need their records to be the
 * first in it.
 */
public interface FreshAuditDatabase {
}
