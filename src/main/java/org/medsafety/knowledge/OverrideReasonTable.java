package org.medsafety.knowledge;

import java.util.ArrayList;
import java.util.List;

/** Reads override-reasons.csv: the coded reasons a clinician may give for overriding a card. */
final class OverrideReasonTable {

    static final String FILE = "override-reasons.csv";
    static final List<String> COLUMNS = List.of("system", "code", "display", "source");

    private final TableRow cells;

    OverrideReasonTable(TableRow cells) {
        this.cells = cells;
    }

    List<OverrideReason> read(List<CsvTable.Row> rows) {
        List<OverrideReason> reasons = new ArrayList<>();
        for (CsvTable.Row row : rows) {
            String system = cells.required(row, "system");
            String code = cells.required(row, "code");
            String display = cells.required(row, "display");
            if (cells.required(row, "source") != null && system != null && code != null && display != null) {
                reasons.add(new OverrideReason(system, code, display));
            }
        }
        return reasons;
    }
}
