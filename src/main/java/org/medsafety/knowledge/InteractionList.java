package org.medsafety.knowledge;

/** Published lists an interaction belongs to; they constrain its severity and how it may be shown. */
public enum InteractionList {
    /** Phansalkar 2012: contraindicated, shown in every EHR, never suppressed or lowered. */
    ONC_HIGH_PRIORITY("onc-high-priority"),
    /** Phansalkar 2013: shown passively (info), never interrupting. */
    ONC_NON_INTERRUPTIVE("onc-non-interruptive"),
    NONE("");

    private final String code;

    InteractionList(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static InteractionList parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        for (InteractionList l : values()) {
            if (l.code.equalsIgnoreCase(text.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException(text);
    }
}
