package org.medsafety.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.medsafety.testing.Fixtures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Real EHR data leaves out optional fields all the time. For every resource type the snapshot reads, drop each of its
 * fields in turn (and set it to the wrong JSON type) in a real Synthea bundle: building the snapshot must never throw,
 * since a throw here would be a 500 for the EHR, and the snapshot must keep its invariants ({@link SnapshotInvariants}).
 * The exhaustive top-level companion of {@link SnapshotProperties}, which mutates at random depth.
 */
class SnapshotRobustnessTest {

    static final List<String> READ_TYPES = List.of("Patient", "Observation", "Condition", "AllergyIntolerance",
            "MedicationRequest");

    @TestFactory
    Stream<DynamicTest> missingOrMistypedFieldsNeverBreakTheSnapshot() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : List.of(Fixtures.ABSHIRE, Fixtures.BOTELLO, Fixtures.KUHLMAN)) {
            JsonNode bundle = Fixtures.synthea(file);
            String patientId = Fixtures.patientId(bundle);
            for (String type : READ_TYPES) {
                JsonNode sample = first(bundle, type);
                if (sample == null) {
                    continue;
                }
                Iterator<String> fields = sample.fieldNames();
                while (fields.hasNext()) {
                    String field = fields.next();
                    tests.add(DynamicTest.dynamicTest(file.substring(0, 12) + " " + type + "." + field,
                            () -> {
                                assertBuilds(mutated(bundle, type, field, null), patientId);
                                assertBuilds(mutated(bundle, type, field, "a string"), patientId);
                            }));
                }
            }
        }
        return tests.stream();
    }

    private static void assertBuilds(JsonNode bundle, String patientId) {
        FhirResources data = new FhirResources();
        data.add(bundle);
        // The same resources serve as draft orders, so the order path sees the mutation too.
        JsonNode drafts = bundle;
        PatientSnapshot[] built = new PatientSnapshot[1];
        assertThatCode(() -> built[0] = new SnapshotBuilder().build(patientId, data, drafts, null, Instant.now()))
                .doesNotThrowAnyException();
        // Not only no exception: only usable values, and nothing that was not in the input.
        SnapshotInvariants.assertHold(data, drafts, built[0]);
    }

    private static JsonNode mutated(JsonNode bundle, String type, String field, String replacement) {
        JsonNode copy = bundle.deepCopy();
        for (JsonNode entry : copy.path("entry")) {
            JsonNode r = entry.path("resource");
            if (type.equals(r.path("resourceType").asText()) && r instanceof ObjectNode o) {
                if (replacement == null) {
                    o.remove(field);
                } else if (!field.equals("resourceType")) {
                    o.put(field, replacement);
                }
            }
        }
        return copy;
    }

    private static JsonNode first(JsonNode bundle, String type) {
        for (JsonNode entry : bundle.path("entry")) {
            if (type.equals(entry.path("resource").path("resourceType").asText())) {
                return entry.path("resource");
            }
        }
        return null;
    }
}
