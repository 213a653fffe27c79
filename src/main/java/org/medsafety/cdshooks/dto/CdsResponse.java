package org.medsafety.cdshooks.dto;

import java.util.List;

/** CDS Hooks service response: {@code cards} is always present, possibly empty. */
public record CdsResponse(List<Card> cards) {
}
