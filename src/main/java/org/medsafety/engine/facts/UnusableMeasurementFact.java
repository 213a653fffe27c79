package org.medsafety.engine.facts;

import org.medsafety.snapshot.PlausibleRange;
import org.medsafety.snapshot.UnusableMeasurement;

/** A measurement in the record that a check would use but that is not usable: a rule says so on a card. */
public final class UnusableMeasurementFact {

    private final UnusableMeasurement measurement;

    public UnusableMeasurementFact(UnusableMeasurement measurement) {
        this.measurement = measurement;
    }

    public PlausibleRange getMeasurement() {
        return measurement.measurement();
    }

    /** "the recorded weight (70000 kg) is outside the plausible range 0.2–700 kg". */
    public String getSentence() {
        return measurement.sentence();
    }
}
