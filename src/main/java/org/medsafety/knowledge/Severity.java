package org.medsafety.knowledge;

import java.util.Locale;

/**
 * The one severity scale of the knowledge base (as Micromedex DRUG-REAX and FDB use it), from most to least
 * serious. docs/clinical-content.md explains how each maps to a card indicator.
 */
public enum Severity {
    CONTRAINDICATED("critical"),
    MAJOR("warning"),
    MODERATE("warning"),
    MINOR("info");

    private final String indicator;

    Severity(String indicator) {
        this.indicator = indicator;
    }

    /** The CDS Hooks card indicator for this severity. */
    public String indicator() {
        return indicator;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
