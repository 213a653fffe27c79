package org.medsafety.knowledge.mining;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One FDA label as the miner reads it: its identity (set-id, version and effective date, or the SPL id of the
 * version when the file has no version), its own drug, and the text of the sections interactions are read from.
 * Two file kinds: an openFDA {@code /drug/label} result ({@code results[0]}), and the openFDA section extracts of
 * {@code fda-labels-more/derived-openfda-sections/} ({@code sections} and {@code openfda_meta}, no version or date).
 *
 * @param file        the file, relative to the folder the labels were read from (cited in every row)
 * @param version     the SPL version, or null for a section extract
 * @param effective   the effective date as yyyy-mm-dd, or null for a section extract
 * @param substances  openFDA substance_name (else generic_name): what the label's own drug is identified from
 * @param sections    openFDA field name → text, the list elements joined by one space as openFDA serves them
 */
record LabelDocument(String file, String setId, String version, String effective, String splId, String brand,
                     List<String> substances, Map<String, String> sections) {

    /** The openFDA fields read: interaction, contraindication and boxed-warning sections, and older-format ones. */
    static final List<String> FIELDS = List.of("drug_interactions", "contraindications", "boxed_warning",
            "precautions", "warnings");

    private static final ObjectMapper JSON = new ObjectMapper();

    boolean sectionExtract() {
        return version == null;
    }

    /** Reads either kind; null when the file is not a label (e.g. openFDA's timestamp.json). */
    static LabelDocument read(Path root, Path file) throws IOException {
        JsonNode doc = JSON.readTree(Files.readAllBytes(file));
        String relative = root.relativize(file).toString().replace('\\', '/');
        if (doc.has("results") && doc.get("results").size() > 0) {
            JsonNode r = doc.get("results").get(0);
            JsonNode openfda = r.path("openfda");
            Map<String, String> sections = new LinkedHashMap<>();
            for (String field : FIELDS) {
                if (r.has(field)) {
                    sections.put(field, joined(r.get(field)));
                }
            }
            return new LabelDocument(relative, text(r, "set_id"), text(r, "version"), date(text(r, "effective_time")),
                    text(r, "id"), first(openfda, "brand_name"), substances(openfda), sections);
        }
        if (doc.has("sections") && doc.has("openfda_meta")) {
            JsonNode meta = doc.get("openfda_meta");
            Map<String, String> sections = new LinkedHashMap<>();
            for (String field : FIELDS) {
                if (doc.get("sections").has(field)) {
                    sections.put(field, joined(doc.get("sections").get(field)));
                }
            }
            return new LabelDocument(relative, first(meta, "spl_set_id"), null, null, first(meta, "spl_id"),
                    first(meta, "brand_name"), substances(meta), sections);
        }
        return null;
    }

    private static List<String> substances(JsonNode openfda) {
        List<String> names = new ArrayList<>();
        JsonNode field = openfda.path("substance_name").size() > 0 ? openfda.get("substance_name")
                : openfda.path("generic_name");
        field.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static String joined(JsonNode node) {
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(n.asText()));
            return String.join(" ", parts);
        }
        return node.asText();
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String first(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isArray() && value.size() > 0 ? value.get(0).asText() : value.isTextual() ? value.asText() : null;
    }

    /** 20201113 → 2020-11-13. */
    private static String date(String yyyymmdd) {
        if (yyyymmdd == null || !yyyymmdd.matches("\\d{8}")) {
            return yyyymmdd;
        }
        return yyyymmdd.substring(0, 4) + "-" + yyyymmdd.substring(4, 6) + "-" + yyyymmdd.substring(6);
    }
}
