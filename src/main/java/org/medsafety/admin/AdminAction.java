package org.medsafety.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One entry of the admin record: who did what, when, on what, and how it ended. */
@JsonPropertyOrder({"id", "time", "actor", "action", "target", "outcome", "detail"})
public record AdminAction(Long id, String time, String actor, String action, String target, String outcome,
                          String detail) {

    static AdminAction of(AdminActionRecord a) {
        return new AdminAction(a.id, a.actedAt.toString(), a.actor, a.action, a.target, a.outcome, a.detail);
    }
}
