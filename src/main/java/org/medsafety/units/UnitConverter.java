package org.medsafety.units;

import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Converts quantities between UCUM units with the UCUM essence tables (org.fhir:ucum), after mapping the
 * spellings EHRs actually send ("MG", "mcg", "lbs", "units") to UCUM codes.
 *
 * <p>Every conversion we need is a linear factor, so each (from, to) pair is computed once by the UCUM library and
 * cached: no UCUM parsing on the hot path after warm-up. Units come from callers and FHIR servers, so a unit outside
 * {@link UnitBounds} never reaches the library, and the cache is bounded: whatever is sent, a conversion either
 * answers quickly or is empty ("cannot convert"), which the checks report as not checked.
 */
public final class UnitConverter {

    private static final UnitConverter INSTANCE = new UnitConverter();

    /** Common non-UCUM spellings, lower-cased, mapped to UCUM. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("mcg", "ug"), Map.entry("µg", "ug"), Map.entry("μg", "ug"),
            Map.entry("gm", "g"), Map.entry("gram", "g"), Map.entry("grams", "g"),
            Map.entry("milligram", "mg"), Map.entry("milligrams", "mg"),
            Map.entry("microgram", "ug"), Map.entry("micrograms", "ug"),
            Map.entry("kilogram", "kg"), Map.entry("kilograms", "kg"), Map.entry("kgs", "kg"),
            Map.entry("lb", "[lb_av]"), Map.entry("lbs", "[lb_av]"), Map.entry("pound", "[lb_av]"),
            Map.entry("pounds", "[lb_av]"), Map.entry("[lb_av]", "[lb_av]"),
            Map.entry("oz", "[oz_av]"), Map.entry("in", "[in_i]"), Map.entry("inch", "[in_i]"),
            Map.entry("inches", "[in_i]"), Map.entry("[in_i]", "[in_i]"), Map.entry("ft", "[ft_i]"),
            Map.entry("ml", "mL"), Map.entry("l", "L"), Map.entry("dl", "dL"),
            Map.entry("mg/dl", "mg/dL"), Map.entry("umol/l", "umol/L"), Map.entry("µmol/l", "umol/L"),
            Map.entry("μmol/l", "umol/L"), Map.entry("mmol/l", "mmol/L"),
            Map.entry("meq", "meq"), Map.entry("unt", "[U]"), Map.entry("unit", "[U]"), Map.entry("units", "[U]"),
            Map.entry("u", "[U]"), Map.entry("iu", "[iU]"), Map.entry("[iu]", "[iU]"));

    /** Unit pairs whose factor is kept; real traffic uses a few dozen. */
    static final int CACHE_CAPACITY = 1024;

    private final UcumEssenceService ucum;
    private final FactorCache factors = new FactorCache(CACHE_CAPACITY);

    private UnitConverter() {
        try (InputStream in = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
            ucum = new UcumEssenceService(in);
        } catch (IOException | UcumException e) {
            throw new IllegalStateException("UCUM essence tables missing from org.fhir:ucum", e);
        }
    }

    public static UnitConverter get() {
        return INSTANCE;
    }

    /** Maps a unit as sent to its UCUM code, or returns it unchanged when it already is one (UCUM is case-sensitive). */
    public static String canonical(String unit) {
        if (unit == null) {
            return null;
        }
        String trimmed = unit.trim();
        String alias = ALIASES.get(trimmed.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return alias;
        }
        // RxNorm prints units upper case ("MG", "MG/ML"); UCUM spells them lower case with a capital litre.
        if (trimmed.equals(trimmed.toUpperCase(Locale.ROOT)) && trimmed.matches("[A-Z/]+")) {
            return trimmed.toLowerCase(Locale.ROOT).replace("ml", "mL").replace("dl", "dL");
        }
        return trimmed;
    }

    /**
     * Converts value from one unit to another; empty when either unit is unknown, too long or too complex to parse
     * safely ({@link UnitBounds}), when they measure different things, or when the value or result is not a finite
     * number.
     */
    public Optional<Double> convert(double value, String from, String to) {
        if (!Double.isFinite(value)) {
            return Optional.empty();
        }
        String f = canonical(from);
        String t = canonical(to);
        if (!UnitBounds.admissible(f) || !UnitBounds.admissible(t)) {
            return Optional.empty();
        }
        if (f.equals(t)) {
            return Optional.of(value);
        }
        String pair = f + '\u0000' + t;
        Optional<Double> factor = factors.get(pair);
        if (factor == null) {
            // Worked out outside the cache's lock: two threads may compute the same pair once each, harmlessly.
            factor = factor(f, t);
            factors.put(pair, factor);
        }
        return factor.map(x -> x * value).filter(Double::isFinite);
    }

    /** Unit pairs currently cached (for tests of the bound). */
    int cachedPairs() {
        return factors.size();
    }

    private Optional<Double> factor(String from, String to) {
        try {
            Decimal one = new Decimal(1);
            Decimal result = ucum.convert(one, from, to);
            if (result == null) {
                return Optional.empty();
            }
            double factor = Double.parseDouble(result.asDecimal());
            // A factor that over- or underflows a double cannot convert a dose faithfully.
            return Double.isFinite(factor) && factor != 0 ? Optional.of(factor) : Optional.empty();
        } catch (UcumException | RuntimeException | StackOverflowError e) {
            // StackOverflowError: the library parses recursively; the bounds should make this unreachable.
            return Optional.empty();
        }
    }
}
