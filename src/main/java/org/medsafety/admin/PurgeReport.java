package org.medsafety.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.medsafety.audit.RetentionPurge;

/** What a retention purge removed, the archive it exported first (with its SHA-256) and the admin action. */
@JsonPropertyOrder({"purged", "cutoff", "lastPurgedId", "feedbackPurged", "lastPurgedFeedbackId", "archive",
        "archiveSha256", "adminActionId"})
public record PurgeReport(long purged, String cutoff, Long lastPurgedId, long feedbackPurged, Long lastPurgedFeedbackId,
                          String archive, String archiveSha256, Long adminActionId) {

    static PurgeReport of(RetentionPurge.Outcome o) {
        return new PurgeReport(o.purged(), o.cutoff().toString(), o.lastPurgedId(), o.feedbackPurged(),
                o.lastPurgedFeedbackId(), o.archive(), o.archiveSha256(), o.adminActionId());
    }
}
