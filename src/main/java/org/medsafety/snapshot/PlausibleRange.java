package org.medsafety.snapshot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The values a recorded measurement can take and still be a patient's. A value outside its range, or one that is not
 * a finite number, is never used by a check: the snapshot records it as an {@link UnusableMeasurement} and a card says
 * so.
 *
 * <p>Engineering bounds, not clinical reference ranges: each is deliberately wider than any patient can be, so that
 * only values no patient can have (a unit mix-up, a typing error, an overflowed number) are refused. Serum creatinine
 * is the exception that also catches a unit mix-up near the bound: any creatinine recorded in mg/dL but labelled
 * µmol/L reads below 0.1 mg/dL, and would otherwise give an enormous CrCl that silences every renal check.
 * docs/clinical-content.md lists them.
 */
public enum PlausibleRange {

    AGE("age", "years", 0, true, 130),
    WEIGHT("weight", "kg", 0.2, true, 700),
    HEIGHT("height", "cm", 10, true, 300),
    SERUM_CREATININE("serum creatinine", "mg/dL", 0.1, true, 50),
    EGFR("eGFR", "mL/min/1.73 m²", 0, false, 300);

    private final String label;
    private final String unit;
    private final double min;
    private final boolean minIncluded;
    private final double max;

    PlausibleRange(String label, String unit, double min, boolean minIncluded, double max) {
        this.label = label;
        this.unit = unit;
        this.min = min;
        this.minIncluded = minIncluded;
        this.max = max;
    }

    /** What a card calls the measurement ("weight", "serum creatinine"). */
    public String label() {
        return label;
    }

    /** The fixed unit the snapshot holds it in. */
    public String unit() {
        return unit;
    }

    public boolean contains(double value) {
        return Double.isFinite(value) && (minIncluded ? value >= min : value > min) && value <= max;
    }

    /** "0.2–700 kg", or "above 0 and up to 300 mL/min/1.73 m²". */
    public String describe() {
        return (minIncluded ? number(min) + "–" : "above " + number(min) + " and up to ") + number(max) + " " + unit;
    }

    /** A number as a card shows it: 70000, 69853.2, 0.0057, 1.00e+20. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "not a number";
        }
        if (Math.abs(value) >= 1e15) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        BigDecimal d = Math.abs(value) >= 1 ? BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP)
                : new BigDecimal(value).round(new MathContext(2));
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
