package org.medsafety.units;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
