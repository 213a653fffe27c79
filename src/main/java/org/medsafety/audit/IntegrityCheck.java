package org.medsafety.audit;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.medsafety.errors.ErrorCode;
import org.medsafety.errors.Failures;
import org.medsafety.errors.ServiceUnavailableException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Verifies every audit chain (evaluations with their card rows, feedback, admin actions, audit reads) against its
 * head as read when the check starts, and against the signed checkpoints in the database and in the file outside it.
 * Incremental by default: each chain resumes at its newest signed checkpoint that still matches its record; a full
 * check recomputes everything and every checkpoint. Read-only: it writes nothing, so a GET stays a GET; checkpoints
 * are signed by {@link CheckpointSigner}, which verifies before it signs.
 *
 * <p>Whatever it finds in the data is reported, never thrown: only a database it cannot reach makes it fail (503).
 */
@ApplicationScoped
public class IntegrityCheck {

    /** The outcome of a check across all chains. */
    public record Report(boolean intact, List<ChainWalk.ChainReport> chains, List<ChainWalk.Problem> problems) {

        public ChainWalk.ChainReport chain(Chain c) {
            return chains.stream().filter(r -> r.chain().equals(c.label)).findFirst().orElseThrow();
        }
    }

    @Inject
    CheckpointKeys keys;

    @Inject
    EntityManager em;

    public Report run(boolean full) {
        List<ChainWalk.Problem> fileProblems = new ArrayList<>();
        CheckpointFile.Contents file = readFile(fileProblems);
        List<ChainWalk.ChainReport> reports = new ArrayList<>();
        for (Chain chain : Chain.values()) {
            reports.add(run(chain, full, file));
        }
        List<ChainWalk.Problem> problems = new ArrayList<>(fileProblems);
        reports.forEach(r -> problems.addAll(r.problems()));
        return new Report(problems.isEmpty(), List.copyOf(reports), List.copyOf(problems));
    }

    /** One chain; the signer uses it to verify what it is about to sign. */
    ChainWalk.ChainReport run(Chain chain, boolean full, CheckpointFile.Contents file) {
        List<SignedCheckpoint> fromFile = file.checkpoints().stream().filter(c -> c.chain().equals(chain.label))
                .toList();
        if (!full) {
            fromFile = fromFile.stream().filter(c -> SignedCheckpoint.SIGNED.equals(c.kind()))
                    .max(Comparator.comparing(c -> c.id() == null ? Long.MIN_VALUE : c.id())).stream().toList();
        }
        List<SignedCheckpoint> checkpoints = fromFile;
        for (int attempt = 1; ; attempt++) {
            Long anchorBefore = newestAnchor(chain);
            ChainWalk.ChainReport report;
            try {
                report = QuarkusTransaction.requiringNew().timeout(3600).call(() ->
                        em.unwrap(Session.class).doReturningWork(db ->
                                new ChainWalk(db, chain, full, keys.trusted(), checkpoints).run()));
            } catch (RuntimeException e) {
                if (unreachable(e)) {
                    throw new ServiceUnavailableException(ErrorCode.DATABASE_UNREACHABLE,
                            "the database could not be reached, so the "
                            + "integrity check did not run; retry shortly");
                }
                Log.warnf("Integrity check: the %s chain could not be read: %s", chain.label, Failures.describe(e));
                return unreadable(chain, e);
            }
            // A purge that committed while the walk ran removes records under it: walk again from its anchor.
            if (report.intact() || attempt == 3 || Objects.equals(anchorBefore, newestAnchor(chain))) {
                return report;
            }
        }
    }

    CheckpointFile.Contents readFile(List<ChainWalk.Problem> problems) {
        try {
            CheckpointFile.Contents contents = keys.file().read();
            for (int line : contents.unreadableLines()) {
                problems.add(new ChainWalk.Problem(null, null, "checkpoint-file-altered", "line " + line + " of the "
                        + "checkpoint file " + keys.file().path() + " cannot be read: the file was altered"));
            }
            return contents;
        } catch (RuntimeException e) {
            problems.add(new ChainWalk.Problem(null, null, "checkpoint-file-unreadable", "the checkpoint file "
                    + keys.file().path() + " cannot be read (" + e.getClass().getSimpleName() + ")"));
            return new CheckpointFile.Contents(List.of(), List.of());
        }
    }

    private Long newestAnchor(Chain chain) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> em.createQuery("select max(c.id) from ChainCheckpoint c "
                    + "where c.kind = 'purge' and c.chain = :chain", Long.class).setParameter("chain", chain.label)
                    .getSingleResult());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ChainWalk.ChainReport unreadable(Chain chain, Throwable e) {
        String state = sqlState(e);
        ChainWalk.Problem p = new ChainWalk.Problem(chain.label, null, "unreadable", "the " + chain.table + " chain "
                + "could not be read" + (state == null ? "" : " (SQL state " + state + ")") + ": its tables or head "
                + "were changed in the database");
        return new ChainWalk.ChainReport(chain.label, false, 0, 0, 0, null, null, null, null, List.of(p));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** A database that cannot be reached says nothing about the chain: 503, not "broken". */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
