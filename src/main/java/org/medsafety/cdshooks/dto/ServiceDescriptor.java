package org.medsafety.cdshooks.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/** One entry of the discovery response. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"hook", "id", "title", "description", "prefetch", "usageRequirements"})
public record ServiceDescriptor(String hook, String id, String title, String description, Map<String, String> prefetch,
                                String usageRequirements) {
}
