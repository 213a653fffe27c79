package org.medsafety.snapshot;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.Mutations;
import org.medsafety.testing.Mutations.Mutation;
import org.medsafety.testing.RealInputs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Property tests of the snapshot, fed with mutations of real input: the Synthea bundles and the draft orders the
 * other tests build, with fields removed, types swapped, huge, non-finite and negative numbers, unicode, very long
 * strings, deep nesting and thousands of resources. Whatever arrives, building never fails and the snapshot holds
 * only values a check can use. (jqwik, EPL-2.0, is on the test classpath at the project owners' request.)
 */
class SnapshotProperties {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Provide
    Arbitrary<String> synthea() {
        return Arbitraries.of(RealInputs.BUNDLES.keySet());
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutations.mutations(6);
    }

    @Provide
    Arbitrary<List<JsonNode>> drafts() {
        Arbitrary<JsonNode> one = net.jqwik.api.Combinators.combine(Arbitraries.of(RealInputs.DRAFT_ORDERS),
                Mutations.mutations(3)).as((order, m) -> Mutations.applyToResource(order, m));
        return one.list().ofMaxSize(4);
    }

    @Property(tries = 40)
    void buildingNeverFailsAndTheSnapshotHoldsOnlyUsableValues(@ForAll("synthea") String file,
                                                               @ForAll("mutations") List<Mutation> mutations,
                                                               @ForAll("drafts") List<JsonNode> drafts) {
        JsonNode original = RealInputs.BUNDLES.get(file);
        FhirResources data = new FhirResources();
        data.add(Mutations.applyToBundle(original, mutations));
        JsonNode draftBundle = Fixtures.bundleOf(drafts.toArray(JsonNode[]::new));

        PatientSnapshot snapshot = new SnapshotBuilder().build(Fixtures.patientId(original), data, draftBundle, null, NOW);

        SnapshotInvariants.assertHold(data, draftBundle, snapshot);
    }

    // ------------------------------------------------------------------ weight: never an implausible one used

    @Provide
    Arbitrary<Double> weights() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.doubles().between(0.1, 800),
                Arbitraries.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.0, -0.0, 1e308,
                        -1e308, 1e-320, 0.2, 0.19999, 700.0, 700.0001, 70000.0, -70.0));
    }

    @Provide
    Arbitrary<String> weightUnits() {
        return Arbitraries.of("kg", "g", "[lb_av]", "lbs", "KG", "bananas", "", "(((((kg)))))", "kg.".repeat(400) + "kg",
                "\u202Ekg");
    }

    @Property(tries = 200)
    void aRecordedWeightIsEitherPlausibleAndUsedOrNamedAsNotUsed(@ForAll("weights") double value,
                                                                 @ForAll("weightUnits") String unit) {
        ObjectNode bundle = RealInputs.BUNDLES.get(Fixtures.KUHLMAN).deepCopy();
        ObjectNode weight = Fixtures.JSON.createObjectNode().put("resourceType", "Observation").put("id", "w-new")
                .put("status", "final").put("effectiveDateTime", "2026-11-24T10:00:00Z");
        weight.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", "29463-7");
        weight.putObject("valueQuantity").set("value", DoubleNode.valueOf(value));
        ((ObjectNode) weight.get("valueQuantity")).put("unit", unit).put("code", unit);
        ((com.fasterxml.jackson.databind.node.ArrayNode) bundle.get("entry")).addObject().set("resource", weight);
        FhirResources data = new FhirResources();
        data.add(bundle);

        PatientSnapshot s = new SnapshotBuilder().build(Fixtures.patientId(bundle), data, Fixtures.bundleOf(), null, NOW);

        if (s.weightKg() != null) {
            assertThat(PlausibleRange.WEIGHT.contains(s.weightKg())).as(s.weightKg() + " kg").isTrue();
        } else {
            // The latest weight was recorded: if it is not used, the snapshot says so; it is never silently dropped,
            // and an older weight is not quietly used instead.
            assertThat(s.unusableMeasurements()).extracting(UnusableMeasurement::measurement)
                    .contains(PlausibleRange.WEIGHT);
        }
        if (unit.equals("kg") && PlausibleRange.WEIGHT.contains(value)) {
            assertThat(s.weightKg()).isCloseTo(value, within(1e-9));
        }
    }

    // ------------------------------------------------------------------ the dose reader

    @Provide
    Arbitrary<Double> amounts() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e3, 1e6),
                Arbitraries.integers().between(0, 12).map(Integer::doubleValue),
                Arbitraries.of(0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e308,
                        1e-320, 1440.0, 1441.0, 1e9));
    }

    @Provide
    Arbitrary<String> periodUnits() {
        return Arbitraries.of("s", "min", "h", "d", "wk", "mo", "a", "fortnight", "", "D");
    }

    @Provide
    Arbitrary<ObjectNode> dosedOrders() {
        return Arbitraries.of(RealInputs.DRAFT_ORDERS.stream().filter(o -> o.has("dosageInstruction")).toList());
    }

    @Property(tries = 500)
    void theDoseReaderKeepsOnlyUsableNumbersAndNamesWhatItLeftOut(@ForAll("dosedOrders") ObjectNode base,
                                                                 @ForAll("amounts") double amount,
                                                                 @ForAll("amounts") double frequency,
                                                                 @ForAll("amounts") double period,
                                                                 @ForAll("periodUnits") String periodUnit) {
        ObjectNode order = base.deepCopy();
        ObjectNode dosage = (ObjectNode) order.path("dosageInstruction").path(0);
        ((ObjectNode) dosage.path("doseAndRate").path(0).path("doseQuantity")).set("value", DoubleNode.valueOf(amount));
        ObjectNode repeat = dosage.putObject("timing").putObject("repeat");
        repeat.set("frequency", DoubleNode.valueOf(frequency));
        repeat.set("period", DoubleNode.valueOf(period));
        repeat.put("periodUnit", periodUnit);

        DoseInstruction dose = DoseInstructionReader.read(order);

        boolean usableAmount = Double.isFinite(amount) && amount > 0;
        if (usableAmount) {
            assertThat(dose.dose().value()).isEqualTo(amount);
        } else {
            assertThat(dose.dose()).isNull();
            assertThat(dose.problem()).contains("the ordered dose");
        }
        Double days = switch (periodUnit) {
            case "s" -> period / 86_400;
            case "min" -> period / 1_440;
            case "h" -> period / 24;
            case "d" -> period;
            case "wk" -> period * 7;
            case "mo" -> period * 30;
            case "a" -> period * 365;
            default -> null;
        };
        double rate = days != null && days > 0 ? frequency / days : Double.NaN;
        if (Double.isFinite(rate) && rate > 0 && rate <= DosePlausibility.MAX_DOSES_PER_DAY) {
            assertThat(dose.dosesPerDay()).isCloseTo(rate, within(Math.abs(rate) * 1e-9));
        } else {
            // A schedule was given but is unusable: never used, and never silently: the problem names it.
            assertThat(dose.dosesPerDay()).isNull();
            assertThat(dose.problem()).contains("the ordered frequency");
        }
    }

    @Property(tries = 300)
    void theDoseReaderNeverFailsOnMutatedOrders(@ForAll("dosedOrders") ObjectNode base,
                                               @ForAll("mutations") List<Mutation> mutations) {
        DoseInstruction dose = DoseInstructionReader.read(Mutations.applyToResource(base, mutations));
        if (dose != null) {
            if (dose.dose() != null) {
                assertThat(dose.dose().value()).isFinite().isPositive();
            }
            if (dose.dosesPerDay() != null) {
                assertThat(dose.dosesPerDay()).isFinite().isPositive().isLessThanOrEqualTo(DosePlausibility.MAX_DOSES_PER_DAY);
            }
        }
    }

    // ------------------------------------------------------------------ nesting and volume

    @Example
    void bundlesNestedThousandsDeepAreReadWithoutOverflowingTheStack() {
        JsonNode patient = Fixtures.JSON.createObjectNode().put("resourceType", "Patient").put("id", "p1")
                .put("birthDate", "1970-01-01").put("gender", "female");
        JsonNode bundle = patient;
        for (int i = 0; i < 20_000; i++) {
            ObjectNode outer = Fixtures.JSON.createObjectNode().put("resourceType", "Bundle");
            outer.putArray("entry").addObject().set("resource", bundle);
            bundle = outer;
        }
        FhirResources data = new FhirResources();
        data.add(bundle);

        PatientSnapshot s = new SnapshotBuilder().build("p1", data, Fixtures.bundleOf(), null, NOW);

        assertThat(s.sex()).isEqualTo("female");
    }

    @Example
    void thousandsOfCopiesOfEveryResourceStillGiveOneSnapshotQuickly() {
        JsonNode original = RealInputs.BUNDLES.get(Fixtures.ABSHIRE);
        List<Mutation> copies = new ArrayList<>();
        for (long seed = 0; seed < 5; seed++) {
            copies.add(new Mutation(Mutations.Kind.THOUSANDS_OF_COPIES, seed));
        }
        FhirResources data = new FhirResources();
        data.add(Mutations.applyToBundle(original, copies));
        // A hang guard only; speed is the benchmarks' business.
        PatientSnapshot s = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new SnapshotBuilder()
                .build(Fixtures.patientId(original), data, Fixtures.bundleOf(), null, NOW));

        SnapshotInvariants.assertHold(data, Fixtures.bundleOf(), s);
    }
}
