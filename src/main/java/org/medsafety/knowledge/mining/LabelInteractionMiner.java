package org.medsafety.knowledge.mining;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Mines drug–drug interactions from FDA label text into {@code knowledge-base/label-interactions.csv}, every row
 * with its verbatim sentence, section and label identity, and review state {@code extracted}. Offline; re-run it
 * when labels are added (docs/clinical-content.md, "Interactions mined from label text"):
 *
 * <pre>mvn -q -DskipTests package
 * java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' \
 *     org.medsafety.knowledge.mining.LabelInteractionMiner --root ../shared</pre>
 *
 * Rows a pharmacist has marked {@code reviewed} in the existing table are kept as they are (their review is not
 * undone by a re-run); every other row is written afresh.
 */
public final class LabelInteractionMiner {

    static final String HEADER = "id,title,object,object_name,precipitant,precipitant_name,severity,review,"
            + "reviewed_by,label,section,label_field,sentence,cue,set_id,version,effective_date,spl_id,label_file,"
            + "source,source_url";
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.ALLOW_COMMENTS)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    private LabelInteractionMiner() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    /** @return 0 when the tables were written, 2 for a usage error */
    static int run(String[] args, PrintStream out) throws IOException {
        Map<String, List<String>> options = options(args);
        if (options == null) {
            out.println("usage: LabelInteractionMiner [--root <shared folder>] [--labels <folder under root>]... "
                    + "[--vocabulary <folder>] [--knowledge-base <folder>] [--sample <n> --seed <s> --sample-out <file>]");
            return 2;
        }
        Path root = Path.of(single(options, "root", "../shared"));
        List<String> labelDirs = options.getOrDefault("labels",
                List.of("fda-labels", "fda-labels-more/derived-openfda-sections"));
        Path vocabulary = Path.of(single(options, "vocabulary",
                root.resolve("vocabulary/rxnorm-prescribable-ingredients").toString()));
        Path kb = Path.of(single(options, "knowledge-base", "knowledge-base"));

        Lexicon lexicon = lexicon(kb, vocabulary);
        InteractionExtractor extractor = new InteractionExtractor(lexicon, sameMoiety(lexicon), classMembers(kb));
        InteractionExtractor.Tally tally = new InteractionExtractor.Tally();
        List<InteractionExtractor.Row> rows = new ArrayList<>();
        Set<String> setIds = new HashSet<>();
        for (String dir : labelDirs) {
            for (Path file : jsonFiles(root.resolve(dir))) {
                LabelDocument label = LabelDocument.read(root, file);
                if (label == null || label.setId() == null) {
                    continue;
                }
                if (!setIds.add(label.setId())) {
                    // The section extracts repeat three labels the full set has; the full record (with version) wins.
                    tally.add("labels skipped: same set-id as a label already read");
                    continue;
                }
                rows.addAll(extractor.extract(label, tally));
            }
        }
        rows.sort(Comparator.comparing((InteractionExtractor.Row r) -> r.label().file())
                .thenComparing(InteractionExtractor.Row::id));

        Path table = kb.resolve("label-interactions.csv");
        Map<String, Map<String, String>> reviewed = reviewedRows(table);
        LabelInteractionTableWriter.write(table, rows, reviewed);
        report(out, tally, rows, reviewed.size());

        if (options.containsKey("sample")) {
            int n = Integer.parseInt(single(options, "sample", "100"));
            long seed = Long.parseLong(single(options, "seed", "9"));
            List<InteractionExtractor.Row> sample = sample(rows, n, seed);
            Path to = Path.of(single(options, "sample-out", "label-interactions-sample.csv"));
            LabelInteractionTableWriter.writeSample(to, sample, seed);
            out.println("sample of " + sample.size() + " rows (seed " + seed + ") written to " + to);
        }
        return 0;
    }

    /**
     * A deterministic random sample: the n rows whose SHA-256 of "seed:id" is smallest. A row added to or removed
     * from the table changes the sample by that row only, so a re-run keeps the judgements of the rows that stayed.
     */
    static List<InteractionExtractor.Row> sample(List<InteractionExtractor.Row> rows, int n, long seed) {
        List<InteractionExtractor.Row> ranked = new ArrayList<>(rows);
        ranked.sort(Comparator.comparing((InteractionExtractor.Row r) -> rank(seed, r.id())));
        return List.copyOf(ranked.subList(0, Math.min(n, ranked.size())));
    }

    private static String rank(long seed, String id) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((seed + ":" + id).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void report(PrintStream out, InteractionExtractor.Tally tally, List<InteractionExtractor.Row> rows,
                               int keptReviewed) {
        tally.counts.forEach((k, v) -> out.println(k + ": " + v));
        Set<String> pairs = new HashSet<>();
        Set<String> classRows = new HashSet<>();
        for (InteractionExtractor.Row r : rows) {
            String a = r.object().ref();
            String b = r.precipitant().ref();
            if (r.precipitant().isClass()) {
                classRows.add(r.id());
            } else {
                pairs.add(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
            }
        }
        out.println("rows written: " + rows.size() + " (" + classRows.size() + " naming a class); reviewed rows kept: "
                + keptReviewed);
        out.println("distinct ingredient pairs named directly: " + pairs.size());
        if (!tally.unidentified.isEmpty()) {
            out.println("labels whose own drug is not in the lexicon (no rows):");
            tally.unidentified.forEach(u -> out.println("  " + u));
        }
    }

    // ---------------------------------------------------------------- the lexicon

    /**
     * ingredients.csv first (its RxCUI, or its name for a name-only row; synonyms too), then the class phrases,
     * then RxNorm ingredients (TTY=IN) the knowledge base lacks, and RxNorm precise ingredients (salts, TTY=PIN)
     * under the ingredient their products share. RxCUIs come only from these two files.
     */
    static Lexicon lexicon(Path kb, Path vocabulary) throws IOException {
        Set<String> notDrugs = new HashSet<>();
        for (String line : resourceLines("not-drugs.txt")) {
            notDrugs.add(Lexicon.normalise(line));
        }
        Lexicon lexicon = new Lexicon();
        Map<String, Lexicon.Entry> byRxcui = new HashMap<>();
        for (Map<String, String> row : csv(Files.readAllBytes(kb.resolve("ingredients.csv")))) {
            String rxcui = blankToNull(row.get("rxcui"));
            String name = row.get("name").trim();
            Lexicon.Entry entry = new Lexicon.Entry(rxcui != null ? rxcui : name, name,
                    rxcui != null ? Integer.valueOf(rxcui) : null, "ingredients.csv");
            if (rxcui != null) {
                byRxcui.put(rxcui, entry);
            }
            addName(lexicon, notDrugs, name, entry);
            String synonyms = blankToNull(row.get("synonyms"));
            if (synonyms != null) {
                for (String synonym : synonyms.split("\\|")) {
                    addName(lexicon, notDrugs, synonym.trim(), entry);
                }
            }
        }
        Map<String, String> classNames = new HashMap<>();
        for (Map<String, String> row : csv(Files.readAllBytes(kb.resolve("drug-classes.csv")))) {
            classNames.put(row.get("class").trim(), row.get("name").trim());
        }
        Set<String> classesWithMembers = new HashSet<>();
        for (Map<String, String> row : csv(Files.readAllBytes(kb.resolve("class-members.csv")))) {
            classesWithMembers.add(row.get("class").trim());
        }
        for (Map<String, String> row : csv(resource("class-phrases.csv"))) {
            String id = row.get("class").trim();
            if (id.startsWith("=")) {
                Lexicon.Entry ingredient = lexicon.lookup(id.substring(1));
                if (ingredient == null || ingredient.isClass()) {
                    throw new IllegalStateException("class-phrases.csv names ingredient '" + id.substring(1)
                            + "', which ingredients.csv does not have");
                }
                lexicon.add(row.get("phrase"), ingredient);
                continue;
            }
            if (!id.equals("-") && (!classNames.containsKey(id) || !classesWithMembers.contains(id))) {
                throw new IllegalStateException("class-phrases.csv names class '" + id
                        + "', which drug-classes.csv and class-members.csv do not define with members");
            }
            Lexicon.Entry entry = id.equals("-") ? new Lexicon.Entry(Lexicon.BLOCK, row.get("phrase"), null, "class")
                    : new Lexicon.Entry("class:" + id, classNames.get(id), null, "class");
            lexicon.add(row.get("phrase"), entry);
        }
        // RxNorm: a precise ingredient (salt) and its ingredient share products; link them so that the knowledge
        // base's valproic acid (a PIN in this release) and RxNorm's valproate are one drug.
        Path productsFile = vocabulary.resolve("product_to_ingredient.csv");
        Map<String, String> inOfPin = new HashMap<>();
        Map<String, List<String[]>> byProduct = new HashMap<>();
        for (Map<String, String> row : csv(Files.readAllBytes(productsFile))) {
            byProduct.computeIfAbsent(row.get("product_rxcui"), k -> new ArrayList<>())
                    .add(new String[] {row.get("ingredient_rxcui"), row.get("ingredient_tty")});
        }
        for (List<String[]> ingredients : byProduct.values()) {
            List<String> ins = ingredients.stream().filter(i -> i[1].equals("IN")).map(i -> i[0]).toList();
            List<String> pins = ingredients.stream().filter(i -> i[1].equals("PIN")).map(i -> i[0]).toList();
            if (ins.size() == 1 && pins.size() == 1) {
                inOfPin.putIfAbsent(pins.get(0), ins.get(0));
            }
        }
        Map<String, String> pinOfIn = new HashMap<>();
        inOfPin.forEach((pin, in) -> {
            if (byRxcui.containsKey(pin)) {
                pinOfIn.put(in, pin);
            }
        });
        List<Map<String, String>> vocab = csv(Files.readAllBytes(vocabulary.resolve("ingredients.csv")));
        for (Map<String, String> row : vocab) {
            if (!row.get("tty").equals("IN")) {
                continue;
            }
            String rxcui = row.get("ingredient_rxcui");
            Lexicon.Entry entry = byRxcui.get(rxcui);
            if (entry == null && pinOfIn.containsKey(rxcui)) {
                entry = byRxcui.get(pinOfIn.get(rxcui));
            }
            if (entry == null) {
                entry = new Lexicon.Entry(rxcui, row.get("ingredient_name"), Integer.valueOf(rxcui), "rxnorm");
            }
            byRxcui.putIfAbsent(rxcui, entry);
            addName(lexicon, notDrugs, row.get("ingredient_name"), entry);
        }
        for (Map<String, String> row : vocab) {
            String in = inOfPin.get(row.get("ingredient_rxcui"));
            if (row.get("tty").equals("PIN") && in != null && byRxcui.containsKey(in)) {
                addName(lexicon, notDrugs, row.get("ingredient_name"), byRxcui.get(in));
            }
        }
        return lexicon;
    }

    private static void addName(Lexicon lexicon, Set<String> notDrugs, String name, Lexicon.Entry entry) {
        if (!name.isBlank() && !notDrugs.contains(Lexicon.normalise(name))) {
            lexicon.add(name, entry);
        }
    }

    /** class:<id> → member references as the lexicon writes them (the RxCUI, or the name of a name-only row). */
    static Map<String, Set<String>> classMembers(Path kb) throws IOException {
        Map<String, Set<String>> members = new HashMap<>();
        for (Map<String, String> row : csv(Files.readAllBytes(kb.resolve("class-members.csv")))) {
            String rxcui = blankToNull(row.get("rxcui"));
            members.computeIfAbsent("class:" + row.get("class").trim(), k -> new HashSet<>())
                    .add(rxcui != null ? rxcui : row.get("name").trim());
        }
        return members;
    }

    /** Groups of same-moiety.csv as sets of lexicon references; names the lexicon lacks are ignored. */
    static List<Set<String>> sameMoiety(Lexicon lexicon) throws IOException {
        List<Set<String>> groups = new ArrayList<>();
        for (Map<String, String> row : csv(resource("same-moiety.csv"))) {
            Set<String> refs = new HashSet<>();
            for (String name : row.get("group").split("\\|")) {
                Lexicon.Entry e = lexicon.lookup(name.trim());
                if (e != null) {
                    refs.add(e.ref());
                }
            }
            if (refs.size() > 1) {
                groups.add(refs);
            }
        }
        return groups;
    }

    // ---------------------------------------------------------------- files

    /** Rows of the existing table a pharmacist marked reviewed, by id: a re-run keeps them. */
    static Map<String, Map<String, String>> reviewedRows(Path table) throws IOException {
        Map<String, Map<String, String>> reviewed = new LinkedHashMap<>();
        if (Files.exists(table)) {
            for (Map<String, String> row : csv(Files.readAllBytes(table))) {
                if ("reviewed".equals(row.get("review"))) {
                    reviewed.put(row.get("id"), row);
                }
            }
        }
        return reviewed;
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static List<Map<String, String>> csv(byte[] content) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(content)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
            }
        }
        return rows;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LabelInteractionMiner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("resource missing: " + name));
            }
            return in.readAllBytes();
        }
    }

    private static List<String> resourceLines(String name) throws IOException {
        return new String(resource(name), StandardCharsets.UTF_8).lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String single(Map<String, List<String>> options, String name, String fallback) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    /** --name value pairs; null when malformed. */
    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new TreeMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return null;
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[i + 1]);
        }
        return options;
    }
}
