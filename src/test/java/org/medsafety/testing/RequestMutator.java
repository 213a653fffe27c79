package org.medsafety.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Hostile variants of real CDS Hooks requests, as a careless or malicious client would send them: types swapped,
 * fields removed, deep nesting, huge and non-finite numbers, odd Unicode, duplicate keys, truncated JSON, thousands
 * of orders or resources. Used by the property tests and by the fuzz run against a running service; everything
 * comes from one {@link Random}, so a failing case is reproduced from its seed.
 */
public final class RequestMutator {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Writes the deeply nested variants too (Jackson writes at most 1,000 levels by default). */
    private static final ObjectMapper DEEP = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamWriteConstraints(com.fasterxml.jackson.core.StreamWriteConstraints.builder()
                    .maxNestingDepth(100_000).build()).build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] ODD_TEXT = {"", " ", "\u0000", "\uFEFF", "\u202E" + "gninrаw", "💊💊💊",
            "\uD800", "\uDFFF", "null", "NaN", "-0", "1e400", "../../etc/passwd", "<script>alert(1)</script>",
            "' OR '1'='1", "\r\n\tX-Header: y", "MedicationRequest/", "urn:uuid:", "Patient/../../admin",
            "mg.mg.mg.mg.mg.mg.mg.mg.mg.mg", "(((((((((((mg)))))))))))", "x".repeat(70_000)};
    /** Numbers that parse, some plausible, some not: weights, doses and frequencies a rule must not trust. */
    private static final double[] ODD_VALUES = {Double.MAX_VALUE, -1e9, -70, -1, 0, 1e-9, 0.5, 7e4, 1e14, 3.3e12};
    private static final String[] ODD_NUMBERS = {"1e400", "-1e400", "1e-400", "0", "-0.0", "9".repeat(120),
            "123456789012345678901234567890", "1e15", "-70", "70000", "0.0000001", "4.9e-324", "1.7976931348623157e308"};

    /** Bodies beyond the service's 10 MB limit are as hostile at 48 MB as at 400; keeps the fuzz run's memory sane. */
    private static final int MAX_BODY_CHARS = 48 * 1024 * 1024;

    private final List<JsonNode> seeds;

    public RequestMutator(List<JsonNode> seeds) {
        this.seeds = List.copyOf(seeds);
    }

    /** Seeds from the shipped examples and the HL7 PDDI IG requests, plus one Synthea patient's full prefetch. */
    public static RequestMutator fromRealRequests() {
        List<JsonNode> seeds = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("docs", "examples")),
                Files.list(Path.of("src", "test", "resources", "pddi")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode request = JSON.readTree(f.toFile());
                if (request.has("hook")) {
                    seeds.add(asCdsHooks2((ObjectNode) request));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        seeds.add(syntheaRequest());
        return new RequestMutator(seeds);
    }

    /**
     * The PDDI IG fixtures predate CDS Hooks 2.0 (no context.userId) and prefetch under their own keys from a
     * public test server: give them a user and say "no data" for our keys, so that mutations start from a request
     * the service accepts.
     */
    private static JsonNode asCdsHooks2(ObjectNode request) {
        ObjectNode context = request.with("context");
        if (!context.has("userId")) {
            context.put("userId", request.path("user").asText("Practitioner/example"));
            request.remove("fhirServer");
            request.remove("fhirAuthorization");
            ObjectNode prefetch = request.with("prefetch");
            org.medsafety.cdshooks.OrderSignWithSyntheaTestAccess.prefetchKeys().forEach(k -> {
                if (!prefetch.has(k)) {
                    prefetch.putNull(k);
                }
            });
        }
        return request;
    }

    private static JsonNode syntheaRequest() {
        try (InputStream in = RequestMutator.class.getResourceAsStream(
                "/synthea/Christopher_Abshire_028250cc-cfc0-4dee-a771-78fde1275fcb.json")) {
            JsonNode bundle = JSON.readTree(in);
            ObjectNode prefetch = HookRequests.prefetchFrom(bundle);
            return HookRequests.orderSign(Fixtures.patientId(bundle), prefetch,
                    // The order the Synthea interaction tests use (RxNorm 849574, as in OrderSignWithSyntheaTest).
                    Fixtures.draftOrder("fuzz-1", "849574", "Naproxen sodium 220 MG Oral Tablet", 1.0, "tablet", 2, 1.0,
                            "d"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<JsonNode> seeds() {
        return seeds;
    }

    /** The seeds that are valid CDS Hooks 2.0 requests as they stand (the raw PDDI fixtures lack context.userId). */
    public List<JsonNode> validSeeds() {
        return seeds.stream().filter(s -> s.path("context").hasNonNull("userId")).toList();
    }

    /** One hostile variant of a randomly chosen real request, as bytes on the wire. */
    public byte[] next(Random random) {
        JsonNode seed = seeds.get(random.nextInt(seeds.size()));
        ObjectNode request = (ObjectNode) seed.deepCopy();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutateTree(request, random);
        }
        String text;
        try {
            text = DEEP.writeValueAsString(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (text.length() > MAX_BODY_CHARS) {
            text = text.substring(0, MAX_BODY_CHARS); // still over the service's limit, and no longer JSON
        }
        return switch (random.nextInt(10)) {
            case 0 -> truncate(text, random);
            case 1 -> duplicateKey(text, random);
            case 2 -> rawNumber(text, random);
            default -> text.getBytes(StandardCharsets.UTF_8);
        };
    }

    private void mutateTree(ObjectNode root, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots, 0);
        if (slots.isEmpty()) {
            return; // an earlier mutation emptied the request: "{}" is hostile enough
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(9)) {
            case 0 -> slot.replace(oddValue(random)); // type swapped
            case 1 -> slot.remove();
            case 2 -> slot.replace(nest(slot.value(), random.nextBoolean() ? 1 + random.nextInt(30)
                    : 30 + random.nextInt(2000), random));
            case 3 -> slot.replace(NODES.numberNode(ODD_VALUES[random.nextInt(ODD_VALUES.length)]));
            case 4 -> slot.replace(NODES.textNode(ODD_TEXT[random.nextInt(ODD_TEXT.length)]));
            case 5 -> multiply(root, random);
            case 6 -> slot.replace(NODES.textNode(randomUnicode(random)));
            case 7 -> dosage(root, random);
            default -> slot.replace(NODES.nullNode());
        }
    }

    /** Thousands of copies of a draft order or of a prefetched resource. */
    private static void multiply(ObjectNode root, Random random) {
        List<ArrayNode> entries = new ArrayList<>();
        root.findParents("entry").forEach(p -> {
            if (p.get("entry").isArray() && !p.get("entry").isEmpty()) {
                entries.add((ArrayNode) p.get("entry"));
            }
        });
        if (entries.isEmpty()) {
            return;
        }
        ArrayNode entry = entries.get(random.nextInt(entries.size()));
        JsonNode first = entry.get(0);
        int copies = random.nextBoolean() ? 150 + random.nextInt(100) : 1000 + random.nextInt(5000);
        for (int i = 0; i < copies; i++) {
            entry.add(first);
        }
    }

    /** A hostile dose: the fields the dose reader and unit converter work on. */
    private static void dosage(ObjectNode root, Random random) {
        for (JsonNode q : root.findParents("doseQuantity")) {
            ObjectNode dose = q.get("doseQuantity").isObject() ? (ObjectNode) q.get("doseQuantity") : null;
            if (dose == null) {
                continue;
            }
            switch (random.nextInt(4)) {
                case 0 -> dose.put("code", "(".repeat(random.nextInt(3000)) + "mg" + ")".repeat(random.nextInt(3000)));
                case 1 -> dose.put("unit", "mg.".repeat(random.nextInt(500)) + "mg");
                case 2 -> dose.put("value", random.nextBoolean() ? -1e12 : 1e14);
                default -> dose.put("code", randomUnicode(random));
            }
        }
    }

    private static JsonNode nest(JsonNode inner, int depth, Random random) {
        JsonNode node = inner == null ? NODES.nullNode() : inner;
        for (int i = 0; i < depth; i++) {
            node = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("x", node);
        }
        return node;
    }

    private static JsonNode oddValue(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.arrayNode();
            case 1 -> NODES.objectNode();
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.numberNode(random.nextLong());
            case 4 -> NODES.textNode("");
            default -> NODES.arrayNode().add(NODES.objectNode().put("resourceType", "Bundle"));
        };
    }

    private static String randomUnicode(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            int cp = random.nextInt(4) == 0 ? random.nextInt(0x10FFFF) : 0x20 + random.nextInt(0x3000);
            if (Character.isValidCodePoint(cp)) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    private static byte[] truncate(String text, Random random) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, bytes.length)));
    }

    /** Repeats a key of the object it is in: {"patientId": "a", ...} becomes {"patientId": "x", "patientId": "a", ...}. */
    private static byte[] duplicateKey(String text, Random random) {
        String[] keys = {"\"patientId\":", "\"hook\":", "\"resourceType\":", "\"value\":", "\"id\":", "\"userId\":"};
        String key = keys[random.nextInt(keys.length)];
        int at = text.indexOf(key);
        String result = at < 0 ? text : text.substring(0, at) + key + "\"dup\"," + text.substring(at);
        return result.getBytes(StandardCharsets.UTF_8);
    }

    /** Numbers Jackson reads differently from how they are written: replaces a "value" with raw text. */
    private static byte[] rawNumber(String text, Random random) {
        String number = ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)];
        String result = text.replaceFirst("\"value\":-?[0-9.eE+-]+", "\"value\":" + number);
        return result.getBytes(StandardCharsets.UTF_8);
    }

    /** A place in the tree a value can be put in or taken from. */
    private record Slot(JsonNode parent, String field, int index, JsonNode value) {
        void replace(JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(field, v);
            } else if (parent instanceof ArrayNode a) {
                a.set(index, v);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(field);
            } else if (parent instanceof ArrayNode a) {
                a.remove(index);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> slots, int depth) {
        if (depth > 12 || slots.size() > 20_000) {
            return;
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                slots.add(new Slot(o, f.getKey(), -1, f.getValue()));
                collect(f.getValue(), slots, depth + 1);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i, a.get(i)));
                collect(a.get(i), slots, depth + 1);
            }
        }
    }
}
