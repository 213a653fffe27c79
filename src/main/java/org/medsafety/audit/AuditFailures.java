package org.medsafety.audit;

import org.medsafety.audit.GroupCommitWriter.FailureKind;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Tells a database that cannot be reached from a record it refuses, from an exception's cause chain: SQLSTATE
 * classes, the JDBC exception types, and the names of the Hibernate and pool exceptions that carry no SQLSTATE.
 * What it cannot tell from the chain, a probe decides: if the database answers a trivial query, the record was the
 * problem.
 */
public final class AuditFailures {

    /** Hibernate and Jakarta Persistence exceptions that mean "could not reach or wait for the database". */
    private static final Set<String> UNAVAILABLE_TYPES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.LockTimeoutException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.QueryTimeoutException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.QueryTimeoutException",
            "jakarta.transaction.HeuristicMixedException",
            "jakarta.transaction.HeuristicRollbackException");

    /** Exceptions that mean "the database refused this content". */
    private static final Set<String> DATA_TYPES = Set.of(
            "org.hibernate.exception.ConstraintViolationException",
            "org.hibernate.exception.DataException",
            "org.hibernate.PropertyValueException",
            "org.hibernate.exception.SQLGrammarException");

    private AuditFailures() {
    }

    /** What the cause chain says, if it says it clearly. */
    public static Optional<FailureKind> kindOf(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < 20; t = t.getCause()) {
            // An IOException here is this machine's disk or network failing, never the record's content.
            if (t instanceof TimeoutException || t instanceof java.io.IOException || t instanceof ConnectException || t instanceof SocketException
                    || t instanceof SocketTimeoutException || t instanceof EOFException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || UNAVAILABLE_TYPES.contains(t.getClass().getName())) {
                return Optional.of(FailureKind.UNAVAILABLE);
            }
            if (t instanceof SQLException sql) {
                Optional<FailureKind> byState = bySqlState(sql);
                if (byState.isPresent()) {
                    return byState;
                }
                String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
                // Agroal's pool timeouts carry no SQLSTATE.
                if (message.contains("acquisition timeout") || message.contains("pool is closed")
                        || message.contains("interrupted while acquiring")) {
                    return Optional.of(FailureKind.UNAVAILABLE);
                }
            }
            if (DATA_TYPES.contains(t.getClass().getName())) {
                return Optional.of(FailureKind.DATA);
            }
        }
        return Optional.empty();
    }

    private static Optional<FailureKind> bySqlState(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null || state.length() < 2) {
            return Optional.empty();
        }
        String cls = state.substring(0, 2);
        return switch (cls) {
            // connection exception, insufficient resources, operator intervention (shutdown, statement timeout),
            // transaction rollback (serialization, deadlock), lock not available, system error
            case "08", "53", "57", "40", "58" -> Optional.of(FailureKind.UNAVAILABLE);
            case "55" -> Optional.of("55P03".equals(state) ? FailureKind.UNAVAILABLE : FailureKind.DATA);
            // data exception, integrity constraint violation, syntax error or access rule violation
            case "22", "23", "42", "44" -> Optional.of(FailureKind.DATA);
            default -> h2State(state);
        };
    }

    /** H2 reports some conditions with its own numeric codes as SQLSTATE. */
    private static Optional<FailureKind> h2State(String state) {
        return switch (state) {
            // database closed, file corrupted or locked, I/O errors, out of memory, lock timeout
            case "90098", "90028", "90030", "90031", "90020", "90108", "HYT00" -> Optional.of(FailureKind.UNAVAILABLE);
            default -> Optional.empty();
        };
    }

    /** True if the chain clearly says the database could not be reached or did not answer in time. */
    public static boolean unavailable(Throwable failure) {
        return kindOf(failure).orElse(null) == FailureKind.UNAVAILABLE;
    }

    /** The chain's kind, or else the probe's verdict: a database that answers refused the record. */
    public static FailureKind classify(Throwable failure, BooleanSupplier databaseAnswers) {
        return kindOf(failure).orElseGet(() -> databaseAnswers.getAsBoolean() ? FailureKind.DATA
                : FailureKind.UNAVAILABLE);
    }
}
