package org.medsafety.security;

/**
 * The staff roles. Duties are separate: whoever writes the rules cannot erase the record of what they did. Which
 * role may call which endpoint is the role matrix in README.md ("Access"), checked by RoleMatrixTest.
 */
public final class Roles {

    /** Authors, validates, publishes, activates, tunes and replays rulesets. */
    public static final String PHARMACIST = "pharmacist";

    /** Reads the audit trail (evaluations, exports, statistics, integrity, admin record). */
    public static final String AUDITOR = "auditor";

    /** Runs the retention purge, the one way audit records leave the database. */
    public static final String RECORDS_OFFICER = "records-officer";

    private Roles() {
    }
}
