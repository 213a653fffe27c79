package org.medsafety.cdshooks.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** CDS Hooks Suggestion; {@code uuid} is always set so the EHR can send feedback on it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Suggestion(String label, String uuid, Boolean isRecommended, List<Action> actions) {
}
