package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medsafety.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How the first dosage instruction of an order is read: amount, administrations per day, route, PRN. */
class DoseInstructionReaderTest {

    @Test
    void doseQuantityKeepsValueUnitAndUcumCode() {
        ObjectNode order = order();
        dosage(order).putArray("doseAndRate").addObject().putObject("doseQuantity")
                .put("value", 2.5).put("unit", "milligram").put("system", "http://unitsofmeasure.org").put("code", "mg");

        DoseInstruction dose = DoseInstructionReader.read(order);

        assertThat(dose.dose()).isEqualTo(new Quantity(2.5, "mg", "milligram"));
        assertThat(dose.dose().effectiveUnit()).isEqualTo("mg");
    }

    @Test
    void aDoseRangeIsReadAtItsHighEnd() {
        ObjectNode order = order();
        ObjectNode range = dosage(order).putArray("doseAndRate").addObject().putObject("doseRange");
        range.putObject("low").put("value", 1).put("unit", "tablet");
        range.putObject("high").put("value", 2).put("unit", "tablet");

        assertThat(DoseInstructionReader.read(order).dose().value()).isEqualTo(2.0);
    }

    @Test
    void aRangeWithOnlyALowEndIsReadAtThatEnd() {
        ObjectNode order = order();
        dosage(order).putArray("doseAndRate").addObject().putObject("doseRange").putObject("low").put("value", 1);

        assertThat(DoseInstructionReader.read(order).dose().value()).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0} every {1} {2} = {3} per day")
    @CsvSource({
            "1, 8,  h,  3.0",
            "1, 6,  h,  4.0",
            "2, 1,  d,  2.0",
            "1, 2,  d,  0.5",
            "3, 1,  wk, 0.428571",
    })
    void repeatFrequencyOverPeriodGivesDosesPerDay(int frequency, double period, String unit, double perDay) {
        DoseInstruction dose = DoseInstructionReader.read(orderWithRepeat(frequency, null, period, unit));

        assertThat(dose.dosesPerDay()).isCloseTo(perDay, within(1e-5));
        assertThat(dose.dosesPerWeek()).isCloseTo(perDay * 7, within(1e-4));
    }

    @Test
    void onceWeeklyIsFlaggedWeeklyWithOneSeventhOfADosePerDay() {
        // Methotrexate once weekly: a daily limit must not read it as a daily dose.
        DoseInstruction dose = DoseInstructionReader.read(orderWithRepeat(1, null, 1, "wk"));

        assertThat(dose.weekly()).isTrue();
        assertThat(dose.dosesPerDay()).isCloseTo(1.0 / 7.0, within(1e-12));
        assertThat(dose.dosesPerWeek()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void dailySchedulesAreNotWeekly() {
        assertThat(DoseInstructionReader.read(orderWithRepeat(1, null, 1, "d")).weekly()).isFalse();
        assertThat(DoseInstructionReader.read(orderWithRepeat(1, null, 8, "h")).weekly()).isFalse();
    }

    @Test
    void frequencyMaxIsPreferredOverFrequency() {
        // "1 to 4 times a day": screened at the most the patient may take.
        assertThat(DoseInstructionReader.read(orderWithRepeat(1, 4, 1, "d")).dosesPerDay()).isEqualTo(4.0);
    }

    @ParameterizedTest(name = "{0} = {1} per day")
    @CsvSource({"BID, 2.0", "TID, 3.0", "QID, 4.0", "Q6H, 4.0", "Q8H, 3.0", "QD, 1.0", "bid, 2.0"})
    void timingCodesGiveDosesPerDay(String code, double perDay) {
        ObjectNode order = order();
        dosage(order).putObject("timing").putObject("code").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation").put("code", code);

        DoseInstruction dose = DoseInstructionReader.read(order);

        assertThat(dose.dosesPerDay()).isEqualTo(perDay);
        assertThat(dose.weekly()).isFalse();
    }

    @Test
    void anUnknownTimingCodeLeavesTheFrequencyUnknown() {
        ObjectNode order = order();
        dosage(order).putObject("timing").putObject("code").put("text", "with meals");

        DoseInstruction dose = DoseInstructionReader.read(order);

        assertThat(dose.dosesPerDay()).isNull();
        assertThat(dose.dosesPerWeek()).isNull();
    }

    @Test
    void asNeededAsBooleanOrAsAReason() {
        ObjectNode prn = order();
        dosage(prn).put("asNeededBoolean", true);
        ObjectNode prnForPain = order();
        dosage(prnForPain).putObject("asNeededCodeableConcept").put("text", "pain");
        ObjectNode regular = order();
        dosage(regular).put("asNeededBoolean", false);

        assertThat(DoseInstructionReader.read(prn).asNeeded()).isTrue();
        assertThat(DoseInstructionReader.read(prnForPain).asNeeded()).isTrue();
        assertThat(DoseInstructionReader.read(regular).asNeeded()).isFalse();
    }

    @Test
    void routeIsLowerCasedFromDisplayTextOrCode() {
        ObjectNode byDisplay = order();
        dosage(byDisplay).putObject("route").putArray("coding").addObject().put("code", "26643006")
                .put("display", "Oral Route");
        ObjectNode byText = order();
        dosage(byText).putObject("route").put("text", "By Mouth");
        ObjectNode byCode = order();
        dosage(byCode).putObject("route").putArray("coding").addObject().put("code", "PO");

        assertThat(DoseInstructionReader.read(byDisplay).route()).isEqualTo("oral route");
        assertThat(DoseInstructionReader.read(byText).route()).isEqualTo("by mouth");
        assertThat(DoseInstructionReader.read(byCode).route()).isEqualTo("po");
        assertThat(DoseInstructionReader.read(orderWithRepeat(1, null, 1, "d")).route()).isNull();
    }

    @Test
    void anOrderWithoutDosageInstructionHasNoDose() {
        assertThat(DoseInstructionReader.read(order())).isNull();
    }

    @Test
    void syntheaDoseWithoutUnitEveryFourHours() {
        // Dirk Kuhlman's meperidine: doseQuantity {value: 1} (no unit), timing.repeat 1 per 4 h.
        JsonNode meperidine = null;
        for (JsonNode e : Fixtures.synthea(Fixtures.KUHLMAN).path("entry")) {
            if (e.path("resource").path("id").asText().equals("e456bff0-401d-4b81-9c6e-eb7829c15455")) {
                meperidine = e.path("resource");
            }
        }

        DoseInstruction dose = DoseInstructionReader.read(meperidine);

        assertThat(dose.dose()).isEqualTo(new Quantity(1.0, null, null));
        assertThat(dose.dosesPerDay()).isEqualTo(6.0);
        assertThat(dose.asNeeded()).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode order() {
        return Fixtures.JSON.createObjectNode().put("resourceType", "MedicationRequest").put("id", "mr-1");
    }

    private static ObjectNode dosage(ObjectNode order) {
        return order.has("dosageInstruction") ? (ObjectNode) order.path("dosageInstruction").path(0)
                : order.putArray("dosageInstruction").addObject();
    }

    private static ObjectNode orderWithRepeat(int frequency, Integer frequencyMax, double period, String periodUnit) {
        ObjectNode order = order();
        ObjectNode repeat = dosage(order).putObject("timing").putObject("repeat");
        repeat.put("frequency", frequency).put("period", period).put("periodUnit", periodUnit);
        if (frequencyMax != null) {
            repeat.put("frequencyMax", frequencyMax);
        }
        return order;
    }
}
