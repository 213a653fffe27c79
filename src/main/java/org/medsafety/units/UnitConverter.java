package org.medsafety.units;

import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts quantities between UCUM units with the UCUM essence tables (org.fhir:ucum), after mapping the
 * spellings EHRs actually send ("MG", "mcg", "lbs", "units") to UCUM codes.
 *
 * <p>Every conversion we need is a linear factor, so each (from, to) pair is computed once by the UCUM library and
 * cached: no UCUM parsing on the hot path after warm-up.
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

    private final UcumEssenceService ucum;
    private final Map<String, Optional<Double>> factors = new ConcurrentHashMap<>();

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

    /** Converts value from one unit to another; empty when either unit is unknown or they measure different things. */
    public Optional<Double> convert(double value, String from, String to) {
        String f = canonical(from);
        String t = canonical(to);
        if (f == null || t == null) {
            return Optional.empty();
        }
        if (f.equals(t)) {
            return Optional.of(value);
        }
        return factors.computeIfAbsent(f + '\u0000' + t, k -> factor(f, t)).map(x -> x * value);
    }

    private Optional<Double> factor(String from, String to) {
        try {
            Decimal one = new Decimal(1);
            Decimal result = ucum.convert(one, from, to);
            return result == null ? Optional.empty() : Optional.of(Double.parseDouble(result.asDecimal()));
        } catch (UcumException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
