package org.medsafety.knowledge;

/** A coded reason a prescriber may give for overriding a card (shown by the EHR on dismiss). */
public record OverrideReason(String system, String code, String display) {
}
