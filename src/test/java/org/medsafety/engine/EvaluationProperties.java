package org.medsafety.engine;

import org.medsafety.testing.ShippedRuleset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.medsafety.cdshooks.CardFactory;
import org.medsafety.snapshot.DraftOrder;
import org.medsafety.snapshot.FhirResources;
import org.medsafety.snapshot.PatientSnapshot;
import org.medsafety.snapshot.PlausibleRange;
import org.medsafety.snapshot.SnapshotBuilder;
import org.medsafety.testing.Fixtures;
import org.medsafety.testing.Mutations;
import org.medsafety.testing.Mutations.Mutation;
import org.medsafety.testing.RealInputs;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property tests of a whole evaluation (snapshot, shipped rules, cards) on mutated real input: it never fails, its
 * cards are bounded and name only orders that were sent, and an implausible weight never lets a dose pass silently.
 * (jqwik, EPL-2.0, is on the test classpath at the project owners' request.)
 */
class EvaluationProperties {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static Ruleset ruleset;

    @BeforeContainer
    static void compileShippedRuleset() {
        ruleset = ShippedRuleset.get();
    }

    @Provide
    Arbitrary<String> synthea() {
        return Arbitraries.of(RealInputs.BUNDLES.keySet());
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutations.mutations(5);
    }

    @Provide
    Arbitrary<List<JsonNode>> drafts() {
        Arbitrary<JsonNode> one = Combinators.combine(Arbitraries.of(RealInputs.DRAFT_ORDERS), Mutations.mutations(3))
                .as((order, m) -> Mutations.applyToResource(order, m));
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 25)
    void anEvaluationNeverFailsAndItsCardsAreBoundedAndNameOnlyOrdersSent(@ForAll("synthea") String file,
                                                                          @ForAll("mutations") List<Mutation> mutations,
                                                                          @ForAll("drafts") List<JsonNode> drafts) {
        JsonNode original = RealInputs.BUNDLES.get(file);
        FhirResources data = new FhirResources();
        data.add(Mutations.applyToBundle(original, mutations));
        PatientSnapshot snapshot = new SnapshotBuilder().build(Fixtures.patientId(original), data,
                Fixtures.bundleOf(drafts.toArray(JsonNode[]::new)), null, NOW);

        List<Finding> findings = Evaluator.evaluate(ruleset, snapshot).findings();
        List<CardFactory.IssuedCard> cards = new CardFactory(10).cards(ruleset, findings, snapshot, List.of());

        assertThat(cards).hasSizeLessThanOrEqualTo(10);
        Set<String> sent = snapshot.draftOrders().stream().map(DraftOrder::reference).collect(Collectors.toSet());
        assertThat(cards).allSatisfy(c -> {
            assertThat(c.card().summary()).hasSizeLessThan(140);
            if (c.finding().orderRef() != null) {
                assertThat(sent).contains(c.finding().orderRef());
            }
        });
    }

    @Provide
    Arbitrary<Double> weights() {
        return Arbitraries.oneOf(Arbitraries.doubles().between(-1e5, 1e5), Arbitraries.doubles().between(1, 120),
                Arbitraries.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.0, 1e308, 0.2,
                        700.0, 700.1, 70000.0, -70.0));
    }

    /**
     * Valproic acid 4500 mg/day is above the label's 60 mg/kg/day for anyone under 75 kg. For every recorded weight
     * the order is alerted, or said not to have been checked, or (at 75 kg and over) within the label: never passed
     * silently because the weight was absurd.
     */
    @Property(tries = 60)
    void whateverTheRecordedWeightAWeightBasedDoseIsCheckedOrSaidNotToBe(@ForAll("weights") double kg) {
        ObjectNode bundle = RealInputs.BUNDLES.get(Fixtures.KUHLMAN).deepCopy();
        ObjectNode weight = Fixtures.JSON.createObjectNode().put("resourceType", "Observation").put("id", "w-new")
                .put("status", "final").put("effectiveDateTime", "2026-11-24T10:00:00Z");
        weight.putObject("code").putArray("coding").addObject().put("system", "http://loinc.org").put("code", "29463-7");
        ObjectNode quantity = weight.putObject("valueQuantity");
        quantity.set("value", DoubleNode.valueOf(kg));
        quantity.put("unit", "kg").put("code", "kg");
        ((ArrayNode) bundle.get("entry")).addObject().set("resource", weight);
        FhirResources data = new FhirResources();
        data.add(bundle);
        PatientSnapshot snapshot = new SnapshotBuilder().build(Fixtures.patientId(bundle), data,
                Fixtures.bundleOf(RealInputs.DRAFT_ORDERS.get(3)), null, NOW); // valproic acid 1500 mg three times a day

        Set<String> rules = Evaluator.evaluate(ruleset, snapshot).findings().stream().map(Finding::ruleId)
                .collect(Collectors.toSet());

        if (!PlausibleRange.WEIGHT.contains(kg)) {
            assertThat(rules).contains("MEASUREMENT-NOT-USED", "DOSE-WEIGHT-UNKNOWN").doesNotContain("DOSE-MAX-DAILY");
        } else if (kg * 60 < 4500) {
            assertThat(rules).contains("DOSE-MAX-DAILY");
        } else {
            assertThat(rules).doesNotContain("DOSE-MAX-DAILY", "DOSE-WEIGHT-UNKNOWN", "MEASUREMENT-NOT-USED");
        }
    }
}
