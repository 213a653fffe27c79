package org.medsafety.units;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Property tests of unit conversion on mutations of the units real records use (the Synthea fixtures, EHR spellings
 * and the UCUM forms of doses): repeated, nested, with large exponents, unicode and very long. Whatever the unit, a
 * conversion answers quickly, with a finite number or nothing. (jqwik, EPL-2.0, is on the test classpath at the
 * project owners' request.)
 */
class UnitConverterProperties {

    private static final List<String> REAL = List.of("mg", "g", "ug", "mcg", "kg", "[lb_av]", "lbs", "mL", "L", "dL",
            "mg/dL", "umol/L", "mmol/L", "mL/min/{1.73_m2}", "10*3/uL", "10*6/uL", "kg/m2", "mm[Hg]", "mg/kg/d",
            "mg/(kg.d)", "[iU]", "units", "{score}", "%", "Cel", "tablet", "{tbl}", "MG", "MG/ML", "[in_i]", "cm");
    private static final List<String> NOISE = List.of("(", ")", ".", "/", "*", "^", "10*400", "99", "-1", "{", "}",
            "[", "]", "µ", "\u202E", "\uD800", "💊", " ", "\u0000", "İ");

    private final UnitConverter units = UnitConverter.get();

    @Provide
    Arbitrary<String> mutatedUnits() {
        Arbitrary<String> real = Arbitraries.of(REAL);
        return Arbitraries.oneOf(
                real,
                Combinators.combine(real, Arbitraries.of(".", "/"), Arbitraries.integers().between(1, 500))
                        .as((u, op, n) -> (u + op).repeat(n) + u),
                Combinators.combine(real, Arbitraries.integers().between(1, 6000))
                        .as((u, n) -> "(".repeat(n) + u + ")".repeat(n)),
                Combinators.combine(real, Arbitraries.integers().between(0, 100_000)).as((u, e) -> u + e),
                Combinators.combine(real, Arbitraries.of(NOISE), Arbitraries.integers().between(0, 20))
                        .as((u, noise, at) -> u.substring(0, Math.min(at, u.length())) + noise
                                + u.substring(Math.min(at, u.length()))),
                Arbitraries.strings().all().ofMaxLength(80),
                Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(64),
                Arbitraries.of("x".repeat(100_000), "mg.".repeat(2000) + "mg"));
    }

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 0.0));
    }

    @Property(tries = 400)
    void aConversionAnswersQuicklyWithAFiniteNumberOrNothing(@ForAll("mutatedUnits") String from,
                                                             @ForAll("mutatedUnits") String to,
                                                             @ForAll("values") double value) {
        // A hang guard only (the unbounded library ran for minutes on some of these); speed is the benchmarks' business.
        var result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> units.convert(value, from, to),
                from + " -> " + to);
        result.ifPresent(v -> assertThat(v).isFinite());
    }

    @Property(tries = 400)
    void intoTheUnitsTheChecksUseTheAnswerIsAFiniteNumberOrNothing(@ForAll("mutatedUnits") String from,
                                                                   @ForAll("values") double value) {
        for (String target : List.of("mg", "kg", "cm", "mg/dL", "umol/L")) {
            units.convert(value, from, target).ifPresent(v -> assertThat(v).isFinite());
        }
    }

    @Property(tries = 400)
    void canonicalNeverFailsAndCanonicalisingTwiceChangesNothing(@ForAll("mutatedUnits") String unit) {
        // The cache is keyed by the canonical form: it must be stable, or the same unit would fill the cache twice.
        String once = UnitConverter.canonical(unit);
        assertThat(UnitConverter.canonical(once)).isEqualTo(once);
        assertThat(once).isEqualTo(once.trim());
    }

    /** A unit real records use, the unit a check converts it into, and the exact factor between them. */
    record KnownFactor(String from, String to, double factor) {
    }

    @Provide
    Arbitrary<KnownFactor> knownFactors() {
        return Arbitraries.of(new KnownFactor("g", "mg", 1000), new KnownFactor("mcg", "mg", 0.001),
                new KnownFactor("ug", "mg", 0.001), new KnownFactor("MG", "mg", 1), new KnownFactor("kg", "mg", 1e6),
                new KnownFactor("[lb_av]", "kg", 0.45359237), new KnownFactor("lbs", "kg", 0.45359237),
                new KnownFactor("[oz_av]", "kg", 0.028349523125), new KnownFactor("g", "kg", 0.001),
                new KnownFactor("[in_i]", "cm", 2.54), new KnownFactor("in", "cm", 2.54),
                new KnownFactor("g/L", "mg/dL", 100), new KnownFactor("mg/dl", "mg/dL", 1),
                new KnownFactor("mmol/L", "umol/L", 1000), new KnownFactor("mL", "L", 0.001));
    }

    @Property(tries = 300)
    void intoTheUnitsTheChecksUseAConversionIsExact(@ForAll("knownFactors") KnownFactor known,
                                                    @ForAll("doses") double value) {
        // 1000-fold errors are the classic dosing mistake: every conversion the checks make is the exact factor.
        assertThat(units.convert(value, known.from(), known.to())).hasValueSatisfying(v ->
                assertThat(v).isCloseTo(value * known.factor(), within(Math.abs(value * known.factor()) * 1e-12)));
    }

    @Provide
    Arbitrary<Double> doses() {
        return Arbitraries.doubles().between(1e-6, 1e9).ofScale(9);
    }
}
