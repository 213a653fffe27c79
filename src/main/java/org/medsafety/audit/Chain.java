package org.medsafety.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * The hash chains of the audit trail, one per table, each with its own head row in {@code audit_chain_head}: writers
 * of one kind of record never wait for writers of another. Every row auditors read is in one of them (card rows are
 * inside their evaluation's hash).
 */
public enum Chain {
    EVALUATION(1, "evaluation", "evaluation"),
    FEEDBACK(2, "feedback", "card_feedback"),
    ADMIN_ACTIONS(3, "adminActions", "admin_action"),
    AUDIT_READS(4, "auditReads", "audit_read");

    /** The id of this chain's row in {@code audit_chain_head}. */
    public final int headId;
    /** The name in the integrity report, the checkpoints and their signed text. */
    public final String label;
    /** The table whose rows it links. */
    public final String table;

    Chain(int headId, String label, String table) {
        this.headId = headId;
        this.label = label;
        this.table = table;
    }

    public static Optional<Chain> byLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst();
    }

    public static Optional<Chain> byHeadId(int headId) {
        return Arrays.stream(values()).filter(c -> c.headId == headId).findFirst();
    }
}
