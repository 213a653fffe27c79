package org.medsafety.cdshooks.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/** CDS Hooks Link: label, url and type (absolute | smart) are required. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Link(String label, String url, String type) {
}
