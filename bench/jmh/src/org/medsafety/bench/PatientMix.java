package org.medsafety.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Order-sign requests of generated patients, built only from drugs the shipped knowledge base knows: every active
 * medication and draft order is an RxNorm oral tablet (code and name as written in knowledge-base/
 * rxnorm-vocabulary.tsv.gz) of an ingredient listed in knowledge-base/ingredients.csv, every allergy is such an
 * ingredient. Seeded, so the same seed gives the same patients; the measurements are dated relative to {@code now}
 * so that they stay recent enough to be used.
 *
 * <pre>java -cp … org.medsafety.bench.PatientMix KNOWLEDGE_DIR COUNT OUT.ndjson [SEED]</pre>
 * writes one request per line with {@value #HOOK_INSTANCE} where each call puts its own hookInstance.
 */
public final class PatientMix {

    /** Replaced by a fresh UUID per call (bench/wrk/order-sign.lua, the JMH state ignores it). */
    public static final String HOOK_INSTANCE = "HOOK-INSTANCE-PLACEHOLDER";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "simvastatin 20 MG Oral Tablet": one ingredient, a strength in mg, an immediate-release oral tablet. */
    private static final Pattern PLAIN_TABLET = Pattern.compile("([a-z][a-z ]*) ([0-9.]+) MG Oral Tablet");

    /** One prescribable tablet: RxNorm code and name, its ingredient, its strength. */
    record Tablet(String rxcui, String name, String ingredientRxcui, double mg) {
    }

    /** An ingredient of the knowledge base (allergies are recorded against ingredients). */
    record IngredientCode(String rxcui, String name) {
    }

    private final List<Tablet> tablets;
    private final List<IngredientCode> ingredients;

    private PatientMix(List<Tablet> tablets, List<IngredientCode> ingredients) {
        this.tablets = tablets;
        this.ingredients = ingredients;
    }

    /** Reads the tablets and ingredients the knowledge base in {@code knowledgeDir} knows. */
    public static PatientMix of(Path knowledgeDir) throws IOException {
        Map<String, String> byRxcui = new HashMap<>();
        List<IngredientCode> ingredients = new ArrayList<>();
        CsvMapper csv = new CsvMapper();
        csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        CsvSchema header = CsvSchema.emptySchema().withHeader().withComments();
        try (var rows = csv.readerFor(Map.class).with(header)
                .<Map<String, String>>readValues(knowledgeDir.resolve("ingredients.csv").toFile())) {
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                String rxcui = row.get("rxcui");
                if (rxcui != null && !rxcui.isBlank()) {
                    byRxcui.put(rxcui, row.get("name"));
                    ingredients.add(new IngredientCode(rxcui, row.get("name")));
                }
            }
        }
        List<Tablet> tablets = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(knowledgeDir.resolve("rxnorm-vocabulary.tsv.gz"))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                if (line.startsWith("#") || f.length < 4 || !f[1].equals("SCD") || !byRxcui.containsKey(f[3])) {
                    continue;
                }
                Matcher m = PLAIN_TABLET.matcher(f[2]);
                if (m.matches() && byRxcui.get(f[3]).equalsIgnoreCase(m.group(1))) {
                    tablets.add(new Tablet(f[0], f[2], f[3], Double.parseDouble(m.group(2))));
                }
            }
        }
        if (tablets.size() < 40) {
            throw new IllegalStateException("only " + tablets.size() + " oral tablets of known ingredients in "
                    + knowledgeDir + ": not enough for 20 active medications and 2 draft orders per patient");
        }
        return new PatientMix(List.copyOf(tablets), List.copyOf(ingredients));
    }

    /**
     * The order-sign request of generated patient {@code index}: {@code active} active medications and {@code drafts}
     * draft orders of distinct ingredients, 5 allergies to other ingredients, weight, serum creatinine and eGFR.
     */
    public ObjectNode request(long seed, int index, int active, int drafts, Instant now) {
        Random random = new Random(seed * 1_000_003L + index);
        String patientId = "bench-patient-" + index;
        List<Tablet> pool = new ArrayList<>(tablets);
        java.util.Collections.shuffle(pool, random);
        Set<String> usedIngredients = new HashSet<>();
        List<Tablet> chosen = new ArrayList<>();
        for (Tablet t : pool) {
            if (chosen.size() == active + drafts) {
                break;
            }
            if (usedIngredients.add(t.ingredientRxcui())) {
                chosen.add(t);
            }
        }
        List<IngredientCode> allergens = new ArrayList<>();
        List<IngredientCode> others = new ArrayList<>(ingredients);
        java.util.Collections.shuffle(others, random);
        for (IngredientCode i : others) {
            if (allergens.size() == 5) {
                break;
            }
            if (!usedIngredients.contains(i.rxcui())) {
                allergens.add(i);
            }
        }

        ObjectNode request = JSON.createObjectNode();
        request.put("hook", "order-sign");
        request.put("hookInstance", HOOK_INSTANCE);
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/bench-prescriber-" + (index % 17));
        context.put("patientId", patientId);
        context.put("encounterId", "bench-encounter-" + index);
        ArrayNode draftEntries = bundle(context.putObject("draftOrders"), "collection");
        for (int i = 0; i < drafts; i++) {
            draftEntries.addObject().set("resource",
                    medicationRequest(chosen.get(active + i), "draft-" + i, "draft", patientId, random));
        }
        ObjectNode prefetch = request.putObject("prefetch");
        ObjectNode patient = prefetch.putObject("patient");
        patient.put("resourceType", "Patient");
        patient.put("id", patientId);
        patient.put("gender", random.nextBoolean() ? "female" : "male");
        patient.put("birthDate", (1935 + random.nextInt(60)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9));
        ArrayNode meds = bundle(prefetch.putObject("medications"), "searchset");
        for (int i = 0; i < active; i++) {
            meds.addObject().set("resource",
                    medicationRequest(chosen.get(i), "home-" + i, "active", patientId, random));
        }
        ArrayNode allergies = bundle(prefetch.putObject("allergies"), "searchset");
        for (int i = 0; i < allergens.size(); i++) {
            allergies.addObject().set("resource", allergy(allergens.get(i), "allergy-" + i, patientId));
        }
        bundle(prefetch.putObject("conditions"), "searchset");
        String measured = now.minus(1 + random.nextInt(20), ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        observation(prefetch, "weight", "29463-7", "Body weight", 45 + random.nextInt(70), "kg", patientId, measured);
        prefetch.putNull("height");
        observation(prefetch, "creatinine", "2160-0", "Creatinine [Mass/volume] in Serum or Plasma",
                Math.round((0.6 + random.nextDouble() * 2.4) * 10) / 10.0, "mg/dL", patientId, measured);
        observation(prefetch, "egfr", "33914-3", "Glomerular filtration rate/1.73 sq M.predicted",
                15 + random.nextInt(90), "mL/min/{1.73_m2}", patientId, measured);
        return request;
    }

    private static ArrayNode bundle(ObjectNode node, String type) {
        node.put("resourceType", "Bundle");
        node.put("type", type);
        return node.putArray("entry");
    }

    private static ObjectNode medicationRequest(Tablet tablet, String id, String status, String patientId,
                                                Random random) {
        ObjectNode r = JSON.createObjectNode();
        r.put("resourceType", "MedicationRequest");
        r.put("id", id);
        r.put("status", status);
        r.put("intent", "order");
        r.putObject("subject").put("reference", "Patient/" + patientId);
        ObjectNode concept = r.putObject("medicationCodeableConcept");
        ObjectNode coding = concept.putArray("coding").addObject();
        coding.put("system", RXNORM);
        coding.put("code", tablet.rxcui());
        coding.put("display", tablet.name());
        concept.put("text", tablet.name());
        ObjectNode dosage = r.putArray("dosageInstruction").addObject();
        dosage.putObject("timing").putObject("repeat").put("frequency", 1 + random.nextInt(3)).put("period", 1)
                .put("periodUnit", "d");
        dosage.putObject("route").put("text", "oral");
        ObjectNode dose = dosage.putArray("doseAndRate").addObject().putObject("doseQuantity");
        dose.put("value", 1);
        dose.put("unit", "tablet");
        dose.put("system", UCUM);
        dose.put("code", "{tbl}");
        return r;
    }

    private static ObjectNode allergy(IngredientCode ingredient, String id, String patientId) {
        ObjectNode a = JSON.createObjectNode();
        a.put("resourceType", "AllergyIntolerance");
        a.put("id", id);
        a.putObject("clinicalStatus").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical").put("code", "active");
        a.putObject("verificationStatus").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification")
                .put("code", "confirmed");
        a.putArray("category").add("medication");
        ObjectNode code = a.putObject("code");
        code.putArray("coding").addObject().put("system", RXNORM).put("code", ingredient.rxcui())
                .put("display", ingredient.name());
        code.put("text", ingredient.name());
        a.putObject("patient").put("reference", "Patient/" + patientId);
        return a;
    }

    private static void observation(ObjectNode prefetch, String key, String loinc, String display, double value,
                                    String unit, String patientId, String when) {
        ArrayNode entries = bundle(prefetch.putObject(key), "searchset");
        ObjectNode o = entries.addObject().putObject("resource");
        o.put("resourceType", "Observation");
        o.put("id", key + "-1");
        o.put("status", "final");
        o.putObject("code").putArray("coding").addObject().put("system", LOINC).put("code", loinc)
                .put("display", display);
        o.putObject("subject").put("reference", "Patient/" + patientId);
        o.put("effectiveDateTime", when);
        o.putObject("valueQuantity").put("value", value).put("unit", unit).put("system", UCUM).put("code", unit);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: PatientMix KNOWLEDGE_DIR COUNT OUT.ndjson [SEED]");
        }
        PatientMix mix = of(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 13L;
        Instant now = Instant.now();
        Path out = Path.of(args[2]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (var writer = Files.newBufferedWriter(out)) {
            for (int i = 0; i < count; i++) {
                writer.write(JSON.writeValueAsString(mix.request(seed, i, 20, 2, now)));
                writer.write('\n');
            }
        }
    }

}
