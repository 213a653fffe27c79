package org.medsafety.cdshooks.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** CDS Hooks Action: {@code delete} carries {@code resourceId}; {@code update} carries the entire new resource. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Action(String type, String description, JsonNode resource, String resourceId) {
}
