package org.medsafety.units;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Unit conversions for doses and observations, including the spellings EHRs and RxNorm actually use. */
class UnitConverterTest {

    private final UnitConverter units = UnitConverter.get();

    @ParameterizedTest(name = "{0} {1} = {3} {2}")
    @CsvSource({
            "0.5,  g,       mg,     500",
            "1,    gm,      mg,     1000",
            "250,  mcg,     mg,     0.25",
            "250,  µg,      mg,     0.25",
            "250,  ug,      mg,     0.25",
            "5,    MG,      mg,     5",       // RxNorm spelling
            "5,    mg,      MG,     5",
            "1,    MG/ML,   mg/mL,  1",
            "2,    mL,      ML,     2",
            "154,  lb,      kg,     69.8532",
            "154,  lbs,     kg,     69.8532",
            "154,  [lb_av], kg,     69.8532",
            "70,   [in_i],  cm,     177.8",
            "70,   in,      cm,     177.8",
            "1.5,  L,       mL,     1500",
            "1.2,  mg/dl,   mg/dL,  1.2",
            "120,  umol/L,  mmol/L, 0.12",
    })
    void convertsBetweenCompatibleUnits(double value, String from, String to, double expected) {
        assertThat(units.convert(value, from, to)).hasValueSatisfying(v -> assertThat(v).isCloseTo(expected, within(1e-4)));
    }

    @Test
    void microgramsAreNotMilligrams() {
        // A factor-of-1000 error is the classic dosing mistake: check the direction, not only the magnitude.
        assertThat(units.convert(1, "mg", "mcg")).hasValueSatisfying(v -> assertThat(v).isCloseTo(1000, within(1e-9)));
        assertThat(units.convert(1, "mcg", "mg")).hasValueSatisfying(v -> assertThat(v).isCloseTo(0.001, within(1e-12)));
    }

    @ParameterizedTest(name = "{0} -> {1} is not possible")
    @CsvSource({
            "mg,        mL",
            "kg,        cm",
            "tablet,    mg",
            "bananas,   mg",
            "umol/L,    mg/dL",  // needs a molar mass: the caller must supply it (creatinine: 88.4)
            "[iU],      mg",
    })
    void incompatibleOrUnknownUnitsGiveNothing(String from, String to) {
        assertThat(units.convert(1, from, to)).isEmpty();
    }

    @Test
    void aMissingUnitGivesNothing() {
        assertThat(units.convert(1, null, "mg")).isEmpty();
        assertThat(units.convert(1, "mg", null)).isEmpty();
    }

    @Test
    void aRepeatedConversionGivesTheSameAnswer() {
        // Factors are cached per unit pair: the cache must scale each value, not remember the first result.
        assertThat(units.convert(2, "g", "mg")).contains(2000.0);
        assertThat(units.convert(3, "g", "mg")).contains(3000.0);
    }

    @Test
    void canonicalMapsEhrSpellingsToUcum() {
        assertThat(UnitConverter.canonical("mcg")).isEqualTo("ug");
        assertThat(UnitConverter.canonical(" lbs ")).isEqualTo("[lb_av]");
        assertThat(UnitConverter.canonical("MG/ML")).isEqualTo("mg/mL");
        assertThat(UnitConverter.canonical("units")).isEqualTo("[U]");
        assertThat(UnitConverter.canonical("mL/min/{1.73_m2}")).isEqualTo("mL/min/{1.73_m2}");
        assertThat(UnitConverter.canonical(null)).isNull();
    }

    // Units come from callers and FHIR servers: whatever they send, a conversion answers at once or is empty.
    // The review measured 5,000 nested parentheses overflowing the stack (a 500) and "mg." x 400 costing 14 s.

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard only: how fast is the benchmarks' business
    void fiveThousandNestedParenthesesCannotBeConvertedAndAnswerAtOnce() {
        String unit = "(".repeat(5000) + "mg" + ")".repeat(5000);
        assertThat(UnitBounds.admissible(unit)).as("refused before UCUM sees it").isFalse();
        assertThat(units.convert(1, unit, "mg")).isEmpty();
        assertThat(units.convert(1, "mg", unit)).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard only: how fast is the benchmarks' business
    void fourHundredMultipliedMilligramsCannotBeConvertedAndAnswerAtOnce() {
        for (int variant = 0; variant < 50; variant++) { // distinct strings, so no cache can help
            String unit = "mg.".repeat(400 + variant) + "mg";
            assertThat(UnitBounds.admissible(unit)).as("refused before UCUM sees it").isFalse();
            assertThat(units.convert(1, unit, "mg")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"10*400", "mg400", "mg99", "[lb_av]24.[lb_av]24.[lb_av]24.[lb_av]24.[lb_av]24",
            "(mg)2", "mg/mg/mg/mg/mg/mg/mg/mg", "((((mg))))", "m\u00b5g"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard only: how fast is the benchmarks' business
    void shortUnitsThatWouldRunUcumForMinutesAreRefusedAtOnce(String unit) {
        // Measured before these bounds: "10*400" and "mg400" ran for minutes in the UCUM library's decimal arithmetic.
        assertThat(UnitBounds.admissible(unit)).as("refused before UCUM sees it").isFalse();
        assertThat(units.convert(1, unit, "mg")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mL/min/{1.73_m2}", "10*3/uL", "10*6/uL", "10*12/L", "[lb_av]", "mg/kg/d", "mg/(kg.d)",
            "ug/kg/min", "mm[Hg]", "kg/m2", "umol/L", "mmol/(24.h)", "[iU]/kg/h", "{score}", "m2", "s-1", "g/100"})
    void everyUnitRealRecordsUseIsWithinTheBounds(String unit) {
        assertThat(UnitBounds.admissible(unit)).isTrue();
    }

    @Test
    void compoundUnitsStillConvert() {
        assertThat(units.convert(48, "mg/kg/d", "mg/kg/h")).hasValueSatisfying(v -> assertThat(v).isCloseTo(2, within(1e-9)));
        assertThat(units.convert(2, "mg/(kg.d)", "mg/kg/d")).hasValueSatisfying(v -> assertThat(v).isCloseTo(2, within(1e-9)));
        assertThat(units.convert(5, "10*3/uL", "10*9/L")).hasValueSatisfying(v -> assertThat(v).isCloseTo(5, within(1e-9)));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a hang guard only: how fast is the benchmarks' business
    void theSlowestUnitsInsideTheBoundsStillAnswerQuickly() {
        // Constants with long decimal expansions raised to the largest exponents the bounds allow.
        List<String> worst = List.of("[pi]4.[pi]4", "[pi]2.[pi]2.[pi]2.[pi]2", "[pi]3/([pi]3.[pi]2)",
                "[oz_av]4.[oz_av]4/10*18", "[eps_0]4.[eps_0]4", "[mu_0]4.[mu_0]4", "10*18.10*18.10*18.10*18.10*18.10*18.10*18",
                "((([lb_av]2.[oz_av]2)/([gr]2.[ft_i]2)))");
        worst.forEach(u -> {
            assertThat(UnitBounds.admissible(u)).as(u).isTrue();
            units.convert(1, u, "mg");
        });
    }

    @Test
    void tenThousandDistinctUnitsDoNotGrowTheCacheBeyondItsCapacity() {
        for (int i = 0; i < 10_000; i++) {
            // Each is a valid, distinct UCUM unit (an annotated milligram), so each is computed and cached.
            assertThat(units.convert(1, "mg{" + i + "}", "g")).hasValueSatisfying(v -> assertThat(v).isCloseTo(0.001, within(1e-12)));
        }
        assertThat(units.cachedPairs()).isLessThanOrEqualTo(UnitConverter.CACHE_CAPACITY);
        assertThat(units.convert(2, "g", "mg")).contains(2000.0); // common pairs still answer
    }

    @Test
    void aValueOrResultThatIsNotAFiniteNumberCannotBeConverted() {
        assertThat(units.convert(Double.POSITIVE_INFINITY, "g", "mg")).isEmpty();
        assertThat(units.convert(Double.NaN, "g", "mg")).isEmpty();
        assertThat(units.convert(1e308, "kg", "mg")).isEmpty(); // 1e314 mg overflows a double
    }
}
