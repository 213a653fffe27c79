package org.medsafety.knowledge;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The RxNorm vocabulary as shipped in {@code knowledge-base/}: one gzipped, tab-separated file with one RxNorm concept
 * a line and only what identification needs. Columns: rxcui, tty, name, ingredients (space-separated IN RxCUIs: a
 * PIN's ingredient, a MIN's ingredients, a product's ingredients), brand (an SBD's BN RxCUI). Lines starting with '#'
 * are comments (the attribution); the first other line is the header. Written by {@link VocabularyGenerator}.
 */
public final class VocabularyFile {

    public static final String NAME = "rxnorm-vocabulary.tsv.gz";
    static final String HEADER = "rxcui\ttty\tname\tingredients\tbrand";

    /** The RxNorm term types the file holds. */
    public enum Tty {
        IN, PIN, MIN, BN, SCD, SBD, GPCK, BPCK;

        public boolean isProduct() {
            return this == SCD || this == SBD || this == GPCK || this == BPCK;
        }

        public boolean isPack() {
            return this == GPCK || this == BPCK;
        }
    }

    /** One line: {@code brand} is 0 when there is none; {@code ingredients} may be empty. */
    public record Concept(int rxcui, Tty tty, String name, int[] ingredients, int brand) {
    }

    private VocabularyFile() {
    }

    /** Reads the file; a malformed line is a problem with its line number, and is left out. */
    static List<Concept> read(byte[] gzipped, List<KnowledgeProblem> problems) {
        List<Concept> concepts = new ArrayList<>(32_000);
        int lineNumber = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024), StandardCharsets.UTF_8))) {
            boolean header = false;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (!header) {
                    header = true;
                    if (!line.equals(HEADER)) {
                        problems.add(new KnowledgeProblem(NAME, lineNumber, "header must be '"
                                + HEADER.replace('\t', ' ') + "' (tab-separated)"));
                        return List.of();
                    }
                    continue;
                }
                Concept concept = concept(line);
                if (concept == null) {
                    problems.add(new KnowledgeProblem(NAME, lineNumber, "not rxcui, tty (one of IN, PIN, MIN, BN, "
                            + "SCD, SBD, GPCK, BPCK), name, ingredient RxCUIs, brand RxCUI separated by tabs"));
                } else {
                    concepts.add(concept);
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new KnowledgeProblem(NAME, lineNumber, "not a readable gzip file: " + e.getMessage()));
            return List.of();
        }
        return concepts;
    }

    private static Concept concept(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 5 || f[2].isBlank()) {
            return null;
        }
        try {
            int rxcui = Integer.parseInt(f[0]);
            Tty tty = Tty.valueOf(f[1]);
            int[] ingredients = f[3].isEmpty() ? new int[0]
                    : java.util.Arrays.stream(f[3].split(" ")).mapToInt(Integer::parseInt).toArray();
            int brand = f[4].isEmpty() ? 0 : Integer.parseInt(f[4]);
            return rxcui > 0 ? new Concept(rxcui, tty, f[2], ingredients, brand) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Writes the file: gzip without a timestamp, so the same concepts always give the same bytes (and version). */
    static void write(OutputStream out, List<String> comments, List<Concept> concepts) throws IOException {
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(out, 64 * 1024), StandardCharsets.UTF_8)) {
            for (String comment : comments) {
                w.write("# " + comment + "\n");
            }
            w.write(HEADER + "\n");
            StringBuilder sb = new StringBuilder(160);
            for (Concept c : concepts) {
                sb.setLength(0);
                sb.append(c.rxcui()).append('\t').append(c.tty()).append('\t').append(c.name()).append('\t');
                for (int i = 0; i < c.ingredients().length; i++) {
                    sb.append(i == 0 ? "" : " ").append(c.ingredients()[i]);
                }
                sb.append('\t').append(c.brand() == 0 ? "" : Integer.toString(c.brand())).append('\n');
                w.write(sb.toString());
            }
        }
    }
}
