package org.medsafety.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Hostile edits of real FHIR JSON, for property tests: what no fixture contains but EHRs, FHIR servers and attackers
 * can send. A mutation is a kind and a seed; applying it to a copy of a resource picks the node to change from the
 * seed, so every failure jqwik reports can be replayed.
 */
public final class Mutations {

    /** What a mutation does to the node it picks. */
    public enum Kind {
        REMOVE, WRONG_TYPE, HUGE_NUMBER, NON_FINITE_NUMBER, NEGATIVE_NUMBER, ZERO, TINY_NUMBER, UNICODE, LONG_STRING,
        DEEP_NESTING, THOUSANDS_OF_COPIES
    }

    public record Mutation(Kind kind, long seed) {
    }

    /** The resource types the snapshot reads. */
    public static final Set<String> READ_TYPES = Set.of("Patient", "Observation", "Condition", "AllergyIntolerance",
            "MedicationRequest");

    private static final String[] UNICODE = {"\u202Emg", "µg", "μg", "İ", "\uD800", "\uDBFF\uDFFF", "💊", "e\u0301",
            "\u0000", "\t\n", "ｍｇ", "\uFEFFkg", "漢字", "‐70"};

    private Mutations() {
    }

    public static Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.longs()).as(Mutation::new);
    }

    public static Arbitrary<List<Mutation>> mutations(int max) {
        return mutation().list().ofMaxSize(max);
    }

    /** A copy of a Bundle with each mutation applied to one of its read resources (picked by the seed). */
    public static ObjectNode applyToBundle(JsonNode bundle, List<Mutation> mutations) {
        ObjectNode copy = bundle.deepCopy();
        ArrayNode entries = (ArrayNode) copy.path("entry");
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (entry.path("resource") instanceof ObjectNode r && READ_TYPES.contains(r.path("resourceType").asText())) {
                resources.add(r);
            }
        }
        for (Mutation m : mutations) {
            if (resources.isEmpty()) {
                break;
            }
            Random random = new Random(m.seed());
            ObjectNode target = resources.get(random.nextInt(resources.size()));
            if (m.kind() == Kind.THOUSANDS_OF_COPIES) {
                for (int i = 0; i < 3000; i++) {
                    ObjectNode twin = target.deepCopy();
                    twin.put("id", target.path("id").asText() + "-copy-" + i);
                    entries.addObject().set("resource", twin);
                }
            } else {
                apply(target, m.kind(), random);
            }
        }
        return copy;
    }

    /** A copy of one resource with the mutations applied. */
    public static ObjectNode applyToResource(JsonNode resource, List<Mutation> mutations) {
        ObjectNode copy = resource.deepCopy();
        for (Mutation m : mutations) {
            if (m.kind() != Kind.THOUSANDS_OF_COPIES) {
                apply(copy, m.kind(), new Random(m.seed()));
            }
        }
        return copy;
    }

    /** Changes one node of {@code root} (never resourceType, so the resource is still read as what it is). */
    static void apply(ObjectNode root, Kind kind, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots, 0);
        boolean numeric = kind == Kind.HUGE_NUMBER || kind == Kind.NON_FINITE_NUMBER || kind == Kind.NEGATIVE_NUMBER
                || kind == Kind.ZERO || kind == Kind.TINY_NUMBER;
        List<Slot> candidates = numeric ? slots.stream().filter(s -> s.get().isNumber()).toList()
                : kind == Kind.UNICODE || kind == Kind.LONG_STRING ? slots.stream().filter(s -> s.get().isTextual()).toList()
                : slots;
        if (candidates.isEmpty()) {
            candidates = slots;
        }
        if (candidates.isEmpty()) {
            return;
        }
        Slot slot = candidates.get(random.nextInt(candidates.size()));
        JsonNode old = slot.get();
        switch (kind) {
            case REMOVE -> slot.remove();
            case WRONG_TYPE -> slot.set(wrongType(old, random));
            case HUGE_NUMBER -> slot.set(switch (random.nextInt(3)) {
                case 0 -> DoubleNode.valueOf(1e308);
                case 1 -> BigIntegerNode.valueOf(BigInteger.TEN.pow(400));
                default -> DecimalNode.valueOf(new BigDecimal("1e400"));
            });
            case NON_FINITE_NUMBER -> slot.set(DoubleNode.valueOf(switch (random.nextInt(3)) {
                case 0 -> Double.POSITIVE_INFINITY;
                case 1 -> Double.NEGATIVE_INFINITY;
                default -> Double.NaN; // not from JSON, but a replayed or built snapshot may hold one
            }));
            case NEGATIVE_NUMBER -> slot.set(DoubleNode.valueOf(-Math.max(1, Math.abs(old.asDouble(70)))));
            case ZERO -> slot.set(IntNode.valueOf(0));
            case TINY_NUMBER -> slot.set(DoubleNode.valueOf(1e-320));
            case UNICODE -> slot.set(TextNode.valueOf(UNICODE[random.nextInt(UNICODE.length)] + old.asText()));
            case LONG_STRING -> slot.set(TextNode.valueOf(switch (random.nextInt(3)) {
                case 0 -> "x".repeat(100_000);
                case 1 -> "mg.".repeat(2_000) + "mg";
                default -> "(".repeat(5_000) + "mg" + ")".repeat(5_000);
            }));
            case DEEP_NESTING -> {
                JsonNode nested = old;
                for (int i = 0; i < 2_000; i++) {
                    nested = i % 2 == 0 ? Fixtures.JSON.createArrayNode().add(nested)
                            : Fixtures.JSON.createObjectNode().set("x", nested);
                }
                slot.set(nested);
            }
            case THOUSANDS_OF_COPIES -> throw new IllegalArgumentException("applies to a bundle");
        }
    }

    private static JsonNode wrongType(JsonNode old, Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> TextNode.valueOf("a string");
            case 1 -> IntNode.valueOf(7);
            case 2 -> BooleanNode.TRUE;
            case 3 -> Fixtures.JSON.createArrayNode().add(old);
            case 4 -> Fixtures.JSON.createObjectNode();
            default -> NullNode.instance;
        };
    }

    /** A place in the tree: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {

        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).set(index, NullNode.instance);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots, int depth) {
        if (depth > 20) {
            return; // real FHIR is shallow; a mutated copy may not be
        }
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (depth == 0 && name.equals("resourceType")) {
                    continue;
                }
                slots.add(new Slot(node, name, -1));
                collect(node.get(name), slots, depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i));
                collect(node.get(i), slots, depth + 1);
            }
        }
    }
}
