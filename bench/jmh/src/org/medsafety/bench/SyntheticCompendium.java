package org.medsafety.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A knowledge base the size of a compendium, for the benchmarks only: the shipped knowledge base, copied, with
 * synthetic rows appended until ingredients.csv has {@value #INGREDIENTS} ingredients, interactions.csv
 * {@value #INTERACTIONS} interaction pairs and dose-limits.csv {@value #DOSE_ROWS} rows. Every added row is plainly
 * synthetic (ingredients SYNTH-00001…, RxCUIs from {@value #FIRST_RXCUI}, which RxNorm does not use, ids SYNTH-…,
 * source "synthetic benchmark row") and is written only to the output folder, never to knowledge-base/.
 * A fifth of the synthetic interactions name a real ingredient, so the real drugs of a request meet an index as
 * crowded as a compendium's. Deterministic: the same seed writes the same bytes.
 *
 * <pre>java -cp … org.medsafety.bench.SyntheticCompendium knowledge-base target/bench/kb-100k [SEED]</pre>
 */
public final class SyntheticCompendium {

    static final int INGREDIENTS = 5_000;
    static final int INTERACTIONS = 100_000;
    static final int DOSE_ROWS = 10_000;
    static final int FIRST_RXCUI = 900_000_001;
    private static final String SOURCE = "\"synthetic benchmark row (bench/jmh SyntheticCompendium), not clinical "
            + "knowledge\",https://example.invalid/synthetic";
    private static final String[] SEVERITIES = {"minor", "moderate", "moderate", "major"};

    private SyntheticCompendium() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: SyntheticCompendium KNOWLEDGE_DIR OUT_DIR [SEED]");
        }
        write(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 13L);
    }

    static void write(Path shipped, Path out, long seed) throws IOException {
        Random random = new Random(seed);
        Files.createDirectories(out);
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Files.copy(f, out.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> real = realIngredients(out.resolve("ingredients.csv"));

        int synthetic = INGREDIENTS - dataRows(out.resolve("ingredients.csv"));
        try (BufferedWriter w = append(out.resolve("ingredients.csv"))) {
            for (int i = 1; i <= synthetic; i++) {
                w.write((FIRST_RXCUI + i - 1) + "," + name(i) + ",," + SOURCE + "\n");
            }
        }

        int pairs = INTERACTIONS - dataRows(out.resolve("interactions.csv"));
        Set<Long> seen = new HashSet<>();
        try (BufferedWriter w = append(out.resolve("interactions.csv"))) {
            for (int n = 1; n <= pairs; ) {
                String object = random.nextInt(5) == 0 ? real.get(random.nextInt(real.size()))
                        : String.valueOf(FIRST_RXCUI + random.nextInt(synthetic));
                int precipitant = FIRST_RXCUI + random.nextInt(synthetic);
                long key = Long.parseLong(object) * 1_000_000_007L + precipitant;
                if (object.equals(String.valueOf(precipitant)) || !seen.add(key)) {
                    continue;
                }
                w.write("SYNTH-DDI-" + n + ",Synthetic pair " + n + "," + object + "," + precipitant + ","
                        + SEVERITIES[random.nextInt(SEVERITIES.length)]
                        + ",,,Synthetic mechanism,Synthetic effect,Synthetic management,synthetic," + SOURCE + "\n");
                n++;
            }
        }

        int doses = DOSE_ROWS - dataRows(out.resolve("dose-limits.csv"));
        try (BufferedWriter w = append(out.resolve("dose-limits.csv"))) {
            for (int n = 1; n <= doses; n++) {
                int ingredient = (n - 1) % synthetic + 1;
                int band = (n - 1) / synthetic;
                // Distinct age bands per ingredient, so rows of one ingredient never overlap.
                String minAge = String.valueOf(band * 20);
                String maxAge = String.valueOf(band * 20 + 19);
                int single = 50 + random.nextInt(950);
                w.write("SYNTH-DOSE-" + n + "," + (FIRST_RXCUI + ingredient - 1) + "," + name(ingredient) + ",oral,"
                        + minAge + "," + maxAge + "," + single + "," + single * (2 + random.nextInt(3))
                        + ",,,,,synthetic," + SOURCE + "\n");
            }
        }
    }

    private static String name(int i) {
        return String.format("SYNTH-%05d", i);
    }

    private static BufferedWriter append(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        if (content.length > 0 && content[content.length - 1] != '\n') {
            w.write('\n');
        }
        return w;
    }

    /** The RxCUIs of ingredients.csv (first column of each data row; a name-only row has none). */
    private static List<String> realIngredients(Path ingredients) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String line : dataLines(ingredients)) {
            String id = line.substring(0, line.indexOf(','));
            if (!id.isBlank()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static int dataRows(Path csv) throws IOException {
        return dataLines(csv).size();
    }

    /** Lines after the header that are neither comments nor blank (a quoted cell never spans lines in these files). */
    private static List<String> dataLines(Path csv) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            lines.add(line);
        }
        return lines;
    }
}
