package org.medsafety.audit;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medsafety.audit.GroupCommitWriter.FailureKind.DATA;
import static org.medsafety.audit.GroupCommitWriter.FailureKind.UNAVAILABLE;

/** A database that is gone is told apart from a record it refuses, however deep in the chain the cause is. */
class AuditFailuresTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("transaction failed", new RuntimeException("commit", cause));
    }

    @Test
    void connectionFailuresAndTimeoutsMeanUnavailable() {
        assertThat(AuditFailures.kindOf(wrapped(new SQLException("Connection to 127.0.0.1:5432 refused", "08001"))))
                .contains(UNAVAILABLE);
        assertThat(AuditFailures.kindOf(wrapped(new SQLException("terminating connection due to administrator "
                + "command", "57P01")))).contains(UNAVAILABLE);
        assertThat(AuditFailures.kindOf(wrapped(new SQLException("canceling statement due to lock timeout",
                "55P03")))).contains(UNAVAILABLE);
        assertThat(AuditFailures.kindOf(wrapped(new SQLException("Timeout trying to lock table", "HYT00"))))
                .contains(UNAVAILABLE);
        assertThat(AuditFailures.kindOf(wrapped(new SQLException("Sorry, acquisition timeout!")))).contains(UNAVAILABLE);
        assertThat(AuditFailures.kindOf(wrapped(new SQLTransientConnectionException("gone")))).contains(UNAVAILABLE);
        assertThat(AuditFailures.kindOf(wrapped(new JDBCConnectionException("gone", new SQLException("x")))))
                .contains(UNAVAILABLE);
        assertThat(AuditFailures.kindOf(wrapped(new ConnectException("refused")))).contains(UNAVAILABLE);
        assertThat(AuditFailures.kindOf(wrapped(new IOException("disk")))).contains(UNAVAILABLE);
        assertThat(AuditFailures.kindOf(new TimeoutException("deadline"))).contains(UNAVAILABLE);
    }

    @Test
    void refusedContentMeansData() {
        assertThat(AuditFailures.kindOf(wrapped(new SQLException("value too long", "22001")))).contains(DATA);
        assertThat(AuditFailures.kindOf(wrapped(new SQLException("duplicate key", "23505")))).contains(DATA);
        assertThat(AuditFailures.kindOf(wrapped(new ConstraintViolationException("dup",
                new SQLException("dup", "23505"), "evaluation_card_uuid_idx")))).contains(DATA);
    }

    @Test
    void anUnnamedFailureIsSettledByAskingTheDatabase() {
        RuntimeException odd = wrapped(new IllegalArgumentException("something odd"));
        assertThat(AuditFailures.kindOf(odd)).isEmpty();
        assertThat(AuditFailures.classify(odd, () -> true)).as("the database answers: the record was the problem")
                .isEqualTo(DATA);
        assertThat(AuditFailures.classify(odd, () -> false)).isEqualTo(UNAVAILABLE);
    }
}
