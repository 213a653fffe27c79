package org.medsafety.cdshooks.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/** CDS Hooks Source: {@code label} required; {@code topic} names the rule that decided. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CardSource(String label, String url, Coding topic) {
}
