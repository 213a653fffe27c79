package org.medsafety.engine;

import org.medsafety.engine.facts.PatientFact;
import org.medsafety.engine.facts.UnusableMeasurementFact;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.PlausibleRange;
import org.medsafety.snapshot.PregnancyReader;
import org.medsafety.snapshot.UnusableMeasurement;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The patient's measurements as facts, judged again against their {@link PlausibleRange}s: a snapshot may come from a
 * scenario file or a replayed audit record rather than from the snapshot builder, so the engine does not trust it to
 * have been judged. An unusable value is never a fact's value; it becomes an {@link UnusableMeasurementFact} that a
 * rule turns into a card.
 */
final class PatientFacts {

    /** Measurements some check uses; an unusable height is kept in the snapshot but needs no card. */
    private static final Set<PlausibleRange> USED_BY_CHECKS = EnumSet.of(PlausibleRange.AGE, PlausibleRange.WEIGHT,
            PlausibleRange.SERUM_CREATININE, PlausibleRange.EGFR);

    private PatientFacts() {
    }

    static void add(PatientSnapshot snapshot, List<Object> facts) {
        List<UnusableMeasurement> unusable = new ArrayList<>(snapshot.unusableMeasurements());
        Double age = judged(PlausibleRange.AGE, snapshot.ageYears(), unusable);
        Double weight = judged(PlausibleRange.WEIGHT, snapshot.weightKg(), unusable);
        Double creatinine = judged(PlausibleRange.SERUM_CREATININE, snapshot.serumCreatinineMgDl(), unusable);
        Double egfr = judged(PlausibleRange.EGFR, snapshot.egfr(), unusable);
        // CrCl is only as good as its inputs: none may be unusable, and it must itself be a positive number.
        boolean inputsUsable = unusable.stream().noneMatch(u -> u.measurement() == PlausibleRange.AGE
                || u.measurement() == PlausibleRange.WEIGHT || u.measurement() == PlausibleRange.SERUM_CREATININE);
        Double crcl = inputsUsable && snapshot.crclMlMin() != null && Double.isFinite(snapshot.crclMlMin())
                && snapshot.crclMlMin() > 0 ? snapshot.crclMlMin() : null;
        facts.add(new PatientFact(age, snapshot.sex(), weight, egfr, crcl, snapshot.pregnant(), unusable, creatinine,
                gestationalWeeks(snapshot)));
        for (UnusableMeasurement u : unusable) {
            // A stale laboratory value is no data error: the checks that needed it say so on their own cards.
            if (USED_BY_CHECKS.contains(u.measurement()) && !u.stale()) {
                facts.add(new UnusableMeasurementFact(u));
            }
        }
    }

    private static Double judged(PlausibleRange range, Double value, List<UnusableMeasurement> unusable) {
        if (value == null || range.contains(value)) {
            return value;
        }
        if (unusable.stream().noneMatch(u -> u.measurement() == range)) {
            unusable.add(UnusableMeasurement.implausible(range, value));
        }
        return null;
    }

    /** Judged again: a scenario or replayed record may hold any number; outside 0–45 weeks it is unknown. */
    private static Double gestationalWeeks(PatientSnapshot snapshot) {
        Double weeks = snapshot.gestationalWeeks();
        return weeks != null && Double.isFinite(weeks) && weeks > 0 && weeks <= PregnancyReader.MAX_WEEKS ? weeks
                : null;
    }
}
