package org.medsafety.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Recomputes the audit hash chain. Incremental by default: it resumes from the newest checkpoint (after checking
 * that the checkpointed record still has its hash) and records a new checkpoint when the chain is intact, so a
 * check stays fast at millions of rows. {@code full} recomputes from the first chained record.
 */
@ApplicationScoped
public class IntegrityCheck {

    /** {@code firstBroken}: the id of the first record whose hash or link does not verify, or null. */
    public record Result(boolean intact, long checked, Long firstBroken, long fromId, long toId) {
    }

    public Result run(boolean full) {
        return QuarkusTransaction.requiringNew().timeout(3600).call(() -> check(full));
    }

    private Result check(boolean full) {
        ChainHead head = ChainHead.findById(1);
        long startAfter = genesisId();
        ChainCheckpoint purgeAnchor = ChainCheckpoint.find("kind = 'purge' order by id desc").firstResult();
        String running = purgeAnchor != null ? purgeAnchor.lastHash : AuditChain.GENESIS;
        ChainCheckpoint checkpoint = full ? null : ChainCheckpoint.find("order by id desc").firstResult();
        if (checkpoint != null) {
            EvaluationRecord at = EvaluationRecord.findById(checkpoint.lastId);
            boolean anchor = "purge".equals(checkpoint.kind) && checkpoint.lastId == startAfter;
            if (anchor || (at != null && checkpoint.lastHash.equals(at.recordHash))) {
                startAfter = checkpoint.lastId;
                running = checkpoint.lastHash;
            }
            // Otherwise the checkpointed record itself was changed or removed: verify from the beginning.
        }
        long checked = 0;
        long lastId = startAfter;
        try (Stream<EvaluationRecord> rows = EvaluationRecord.<EvaluationRecord>find("id > ?1", Sort.ascending("id"),
                startAfter).withHint("org.hibernate.fetchSize", 500).stream()) {
            Iterator<EvaluationRecord> it = rows.iterator();
            while (it.hasNext()) {
                EvaluationRecord e = it.next();
                checked++;
                if (!running.equals(e.prevHash) || !AuditChain.hash(running, e).equals(e.recordHash)) {
                    return new Result(false, checked, e.id, startAfter, lastId);
                }
                running = e.recordHash;
                lastId = e.id;
                EvaluationRecord.getEntityManager().detach(e);
            }
        }
        if (!running.equals(head.lastHash) || lastId != head.lastId) {
            // The newest records were removed: the chain no longer reaches its recorded end.
            return new Result(false, checked, head.lastId, startAfter, lastId);
        }
        if (lastId > startAfter) {
            ChainCheckpoint c = new ChainCheckpoint();
            c.lastId = lastId;
            c.lastHash = running;
            c.checkedAt = Instant.now();
            c.persist();
        }
        return new Result(true, checked, null, startAfter, lastId);
    }

    /**
     * The id after which the chain starts: the newest purge anchor, else just before the first chained record
     * (records from before the chain existed are outside it).
     */
    private static long genesisId() {
        ChainCheckpoint purge = ChainCheckpoint.find("kind = 'purge' order by id desc").firstResult();
        if (purge != null) {
            return purge.lastId;
        }
        EvaluationRecord first = EvaluationRecord.find("prevHash = ?1", Sort.ascending("id"), AuditChain.GENESIS)
                .firstResult();
        return first == null ? ChainHead.<ChainHead>findById(1).lastId : first.id - 1;
    }
}
