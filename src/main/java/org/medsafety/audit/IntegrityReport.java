package org.medsafety.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The integrity check's answer. The top-level {@code checked}, {@code firstBroken}, {@code fromId} and {@code toId}
 * are the evaluation chain's; {@code chains} has each chain by name and {@code problems} says what was found.
 */
@JsonPropertyOrder({"intact", "full", "checked", "firstBroken", "fromId", "toId", "chains", "problems"})
public record IntegrityReport(boolean intact, boolean full, long checked, Long firstBroken, long fromId, long toId,
                              Map<String, ChainStatus> chains, List<Problem> problems) {

    /** How one chain verified: {@code fromId} exclusive, {@code toId} the last record read. */
    @JsonPropertyOrder({"intact", "checked", "fromId", "toId", "headId", "firstBroken", "resumedFromCheckpoint"})
    public record ChainStatus(boolean intact, long checked, long fromId, long toId, Long headId, Long firstBroken,
                              Long resumedFromCheckpoint) {
    }

    /** One thing found: which chain, which record (or checkpoint), what kind, and in words. */
    @JsonPropertyOrder({"chain", "id", "kind", "message"})
    public record Problem(String chain, Long id, String kind, String message) {
    }

    static IntegrityReport of(IntegrityCheck.Report r, boolean full) {
        ChainWalk.ChainReport evaluations = r.chain(Chain.EVALUATION);
        Map<String, ChainStatus> chains = new LinkedHashMap<>();
        for (ChainWalk.ChainReport c : r.chains()) {
            chains.put(c.chain(), new ChainStatus(c.intact(), c.checked(), c.fromId(), c.toId(), c.headId(),
                    c.firstBroken(), c.resumedFromCheckpoint()));
        }
        return new IntegrityReport(r.intact(), full, evaluations.checked(), evaluations.firstBroken(),
                evaluations.fromId(), evaluations.toId(), chains,
                r.problems().stream().map(p -> new Problem(p.chain(), p.id(), p.kind(), p.message())).toList());
    }
}
