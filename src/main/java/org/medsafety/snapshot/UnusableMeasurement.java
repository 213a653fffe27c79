package org.medsafety.snapshot;

/**
 * A measurement the record holds but the checks must not use: not a finite number, in a unit that cannot be
 * converted, outside its {@link PlausibleRange}, or (a laboratory value) older than the configured age. Kept in the
 * snapshot so that a card can say what was not used and why, instead of the check going silent.
 *
 * @param measurement which measurement
 * @param recorded    the value as recorded, with its unit ("70000 kg"), shortened; null when it cannot be shown
 * @param reason      why it is not used, continuing "the recorded weight (…) " ("is outside the plausible range …")
 * @param stale       a plausible value that is only too old ({@link LabRecency}); the checks that needed it say so,
 *                    but it gets no card of its own: old laboratory values are ordinary, not a data error
 */
public record UnusableMeasurement(PlausibleRange measurement, String recorded, String reason, boolean stale) {

    public UnusableMeasurement(PlausibleRange measurement, String recorded, String reason) {
        this(measurement, recorded, reason, false);
    }

    /** A value in the range's own unit that is not in the range (or not a finite number). */
    public static UnusableMeasurement implausible(PlausibleRange range, double value) {
        if (!Double.isFinite(value)) {
            return new UnusableMeasurement(range, null, notFinite(value));
        }
        return new UnusableMeasurement(range, PlausibleRange.number(value) + " " + range.unit(),
                "is outside the plausible range " + range.describe());
    }

    /**
     * Why a non-finite value is not used. JSON cannot carry Infinity or NaN: an infinite value is a number too large
     * for a double (1e400); NaN can only come from a snapshot built or stored elsewhere.
     */
    static String notFinite(double value) {
        return Double.isInfinite(value) ? "is too large to be read as a number" : "is not a number";
    }

    /** "the recorded weight (70000 kg) is outside the plausible range 0.2–700 kg". */
    public String sentence() {
        return "the recorded " + measurement.label() + (recorded == null ? "" : " (" + recorded + ")") + " " + reason;
    }
}
