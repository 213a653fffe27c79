package org.medsafety.scenario;

import org.medsafety.snapshot.PatientSnapshot;

import java.util.List;

/** One scenario: a small patient, draft orders, and exactly the alerts expected ({@code expected} empty: none). */
public record Scenario(String file, int line, String name, PatientSnapshot snapshot, List<Expectation> expected) {

    public Scenario {
        expected = List.copyOf(expected);
    }

    /** Where a pharmacist finds it: {@code rules/<check>/scenarios/x.yaml:12}. */
    public String location() {
        return file + ":" + line;
    }
}
