package org.medsafety.snapshot;

/**
 * Whether an ordered dose and schedule are numbers a dose check can use. A dose or frequency that is not usable is
 * never turned into an absurd mg figure or silently skipped: the order's dose card says it was not checked and why.
 */
public final class DosePlausibility {

    /**
     * Administrations per day above which a schedule is not a dosing schedule: once a minute. An engineering bound
     * (a rate, such as an infusion, is not read as a dose and timing), not a clinical limit.
     */
    public static final double MAX_DOSES_PER_DAY = 1440;

    private DosePlausibility() {
    }

    /** Why the dose amount cannot be used, continuing "the ordered dose …", or null when it can. */
    public static String doseProblem(double value, String unit) {
        if (!Double.isFinite(value)) {
            return "the ordered dose " + UnusableMeasurement.notFinite(value);
        }
        if (value <= 0) {
            return "the ordered dose (" + shown(value, unit) + ") is not a positive amount";
        }
        return null;
    }

    /** Why the schedule cannot be used, or null when it can (or is simply not given: null). */
    public static String frequencyProblem(Double dosesPerDay, String asOrdered) {
        if (dosesPerDay == null) {
            return null;
        }
        String what = "the ordered frequency" + (asOrdered == null ? "" : " (" + asOrdered + ")");
        if (!Double.isFinite(dosesPerDay) || dosesPerDay <= 0) {
            return what + " is not a usable schedule";
        }
        if (dosesPerDay > MAX_DOSES_PER_DAY) {
            return what + " is more than once a minute, which is not a dosing schedule";
        }
        return null;
    }

    /** Both problems, or null. */
    public static String problem(DoseInstruction dose) {
        if (dose == null) {
            return null;
        }
        if (dose.problem() != null) {
            return dose.problem();
        }
        String amount = dose.dose() == null ? null : doseProblem(dose.dose().value(), dose.dose().effectiveUnit());
        String schedule = frequencyProblem(dose.dosesPerDay(), PlausibleRange.number(dose.dosesPerDay() == null ? 0
                : dose.dosesPerDay()) + " a day");
        return join(amount, schedule);
    }

    static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    private static String shown(double value, String unit) {
        return PlausibleRange.number(value) + (unit == null ? "" : " " + (unit.length() > 20 ? unit.substring(0, 20) + "…"
                : unit));
    }
}
