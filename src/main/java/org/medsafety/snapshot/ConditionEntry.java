package org.medsafety.snapshot;

import java.util.List;

/** An active condition (problem-list item or diagnosis). */
public record ConditionEntry(List<ClinicalCode> codes, String text) {

    public ConditionEntry {
        codes = List.copyOf(codes);
    }
}
