package org.medsafety.knowledge.mining;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes the miner's tables as the knowledge CSV format wants them (docs/knowledge-format.md). */
final class LabelInteractionTableWriter {

    private LabelInteractionTableWriter() {
    }

    /** The extracted rows; a row with the id of a reviewed row of the previous table is written as reviewed. */
    static void write(Path table, List<InteractionExtractor.Row> rows, Map<String, Map<String, String>> reviewed)
            throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Drug-drug interactions mined from FDA label text by org.medsafety.knowledge.mining.LabelInteractionMiner\n")
                .append("# (do not edit by hand except review/reviewed_by/severity of a row you checked: see docs/clinical-content.md,\n")
                .append("# \"Interactions mined from label text\"). sentence is verbatim from the label file's field label_field.\n")
                .append("# review: extracted = as mined, not yet checked by a pharmacist; reviewed = a pharmacist checked the\n")
                .append("# sentence, the pair and the severity against the label (reviewed_by names who). A re-run keeps reviewed rows.\n")
                .append(LabelInteractionMiner.HEADER).append('\n');
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (InteractionExtractor.Row r : rows) {
            Map<String, String> kept = reviewed.get(r.id());
            if (kept != null) {
                sb.append(line(LabelInteractionMiner.HEADER.split(","), kept));
                ids.add(r.id());
                continue;
            }
            LabelDocument label = r.label();
            sb.append(csv(r.id(), r.object().name() + " + " + r.precipitant().name() + " (" + brand(label)
                            + " label text)", r.object().ref(), r.object().name(), r.precipitant().ref(),
                    r.precipitant().name(), r.reading().severity().label(), "extracted", "", brand(label),
                    r.statement().section(), r.statement().field(), r.statement().text(), r.reading().cue(),
                    label.setId(), label.version(), label.effective(), label.splId(), label.file(), citation(r),
                    "https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid=" + label.setId()));
            ids.add(r.id());
        }
        // A reviewed row the labels no longer give (its label changed or was removed) stays, flagged by its own text.
        reviewed.forEach((id, row) -> {
            if (!ids.contains(id)) {
                sb.append(line(LabelInteractionMiner.HEADER.split(","), row));
            }
        });
        Files.writeString(table, sb.toString(), StandardCharsets.UTF_8);
    }

    /** The precision sample, with empty verdict and reason columns for the reviewer. */
    static void writeSample(Path file, List<InteractionExtractor.Row> sample, long seed) throws IOException {
        StringBuilder sb = new StringBuilder("# Deterministic random sample of label-interactions.csv (LabelInteractionMiner --sample "
                + sample.size() + " --seed " + seed + ").\n"
                + "# verdict: correct = a genuine statement that these two drugs interact, with a reasonable severity;\n"
                + "# wrong-severity = the pair does interact, but the severity is not what the label says about it; wrong = not an interaction of this pair.\n"
                + "id,object_name,precipitant_name,severity,section,sentence,verdict,reason\n");
        for (InteractionExtractor.Row r : sample) {
            sb.append(csv(r.id(), r.object().name(), r.precipitant().name(), r.reading().severity().label(),
                    r.statement().section(), r.statement().text(), "", ""));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** "Coumadin (warfarin) FDA label, set-id … v16 (2020-11-13), section 7.2", or with the SPL id when unversioned. */
    static String citation(InteractionExtractor.Row r) {
        LabelDocument label = r.label();
        String drug = String.join(", ", label.substances()).toLowerCase(java.util.Locale.ROOT);
        String section = r.statement().section();
        String where = section.matches("[\\d.]+") ? "section " + section : section;
        if (label.sectionExtract()) {
            return brand(label) + " (" + drug + ") FDA label, set-id " + label.setId() + ", SPL id " + label.splId()
                    + " (openFDA section extract; no version or date), " + where;
        }
        return brand(label) + " (" + drug + ") FDA label, set-id " + label.setId() + " v" + label.version() + " ("
                + label.effective() + "), " + where;
    }

    private static String brand(LabelDocument label) {
        return label.brand() != null ? label.brand() : String.join(", ", label.substances());
    }

    private static String line(String[] columns, Map<String, String> row) {
        String[] values = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = row.getOrDefault(columns[i], "");
        }
        return csv(values);
    }

    /** One CSV line; a value with a comma, quote or line break is quoted (RFC 4180). */
    static String csv(String... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            String v = values[i] == null ? "" : values[i];
            if (i > 0) {
                sb.append(',');
            }
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.startsWith("#")
                    || !v.equals(v.strip())) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.append('\n').toString();
    }
}
