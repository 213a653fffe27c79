package org.medsafety.knowledge.mining;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Drug and class names the miner recognises in label text, matched on whole words (longest name first), so that
 * "ethinyl estradiol" is not read as estradiol and "tranylcypromine" never as a shorter name inside it.
 *
 * <p>A name followed by a word that makes it something else ("vitamin K antagonists", "dopamine agonists",
 * "thrombin inhibitors", "potassium-sparing") or preceded by "non-" ("non-aspirin NSAIDs") is not a mention of that
 * drug.
 */
final class Lexicon {

    /**
     * What a name stands for: an ingredient (its CSV reference: the RxCUI, or the ingredients.csv name of a
     * name-only ingredient) or a class ({@code class:<id>}).
     *
     * @param rxcui  the RxCUI, or null for a name-only ingredient or a class
     * @param origin where the entry comes from: {@code ingredients.csv}, {@code rxnorm} or {@code class}
     */
    record Entry(String ref, String name, Integer rxcui, String origin) {

        boolean isClass() {
            return ref.startsWith("class:");
        }
    }

    /** The reference of a phrase recognised only so that no shorter name inside it is read ("HCV protease inhibitors"). */
    static final String BLOCK = "class:-";

    /** A name found in a text: character offsets of the words matched. */
    record Mention(Entry entry, int start, int end) {
    }

    /** Words after a drug name that make the phrase about something else (a receptor, an enzyme, a lab value). */
    private static final Set<String> NOT_THE_DRUG_AFTER = Set.of("antagonist", "antagonists", "agonist", "agonists",
            "receptor", "receptors", "reuptake", "inhibitor", "inhibitors", "inhibiting", "inducer", "inducers",
            "substrate", "substrates", "analog", "analogs", "analogue", "analogues", "derivative", "derivatives",
            "time", "donor", "donors", "kinase", "sparing", "transporter", "transporters", "channel", "channels",
            "binding", "deficiency", "deficient", "metabolite", "metabolites", "pathway");
    private static final Set<String> NOT_THE_DRUG_BEFORE = Set.of("non", "anti");

    private static final class Node {
        final Map<String, Node> next = new HashMap<>(4);
        Entry entry;
    }

    private final Node root = new Node();
    private int size;

    /** Adds a name; the first entry added for a name keeps it. Returns false when the name was taken. */
    boolean add(String name, Entry entry) {
        List<Token> tokens = tokens(name);
        if (tokens.isEmpty()) {
            return false;
        }
        Node node = root;
        for (Token t : tokens) {
            node = node.next.computeIfAbsent(t.word, k -> new Node());
        }
        if (node.entry != null) {
            return false;
        }
        node.entry = entry;
        size++;
        return true;
    }

    /** The entry a name stands for exactly, or null. */
    Entry lookup(String name) {
        Node node = root;
        for (Token t : tokens(name)) {
            node = node.next.get(t.word);
            if (node == null) {
                return null;
            }
        }
        return node.entry;
    }

    int size() {
        return size;
    }

    /** Every mention in {@code text}, left to right, longest match at each position. */
    List<Mention> mentions(String text) {
        List<Token> tokens = tokens(text);
        List<Mention> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Node node = root;
            Entry best = null;
            int bestEnd = -1;
            for (int j = i; j < tokens.size(); j++) {
                node = node.next.get(tokens.get(j).word);
                if (node == null) {
                    break;
                }
                if (node.entry != null) {
                    best = node.entry;
                    bestEnd = j;
                }
            }
            if (best == null) {
                i++;
                continue;
            }
            // "non-dihydropyridine calcium channel blockers" is not the class, "non-aspirin" not aspirin.
            boolean other = (!best.isClass() && bestEnd + 1 < tokens.size()
                    && NOT_THE_DRUG_AFTER.contains(tokens.get(bestEnd + 1).word))
                    || (i > 0 && NOT_THE_DRUG_BEFORE.contains(tokens.get(i - 1).word)
                        && tokens.get(i).start - tokens.get(i - 1).end <= 1);
            if (!other && !best.ref().equals(BLOCK)) {
                found.add(new Mention(best, tokens.get(i).start, tokens.get(bestEnd).end));
            }
            i = bestEnd + 1;
        }
        return found;
    }

    /** The words of {@code text} that no mention covers (for telling whether a whole name was recognised). */
    List<String> wordsNotMentioned(String text) {
        List<Mention> mentions = mentions(text);
        List<String> left = new ArrayList<>();
        for (Token t : tokens(text)) {
            if (mentions.stream().noneMatch(m -> m.start() <= t.start && t.end <= m.end())) {
                left.add(t.word);
            }
        }
        return left;
    }

    private record Token(String word, int start, int end) {
    }

    /** Runs of letters and digits, lower-cased: "St. John's wort" → st, john, s, wort. */
    private static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(new Token(text.substring(start, i).toLowerCase(Locale.ROOT), start, i));
            }
        }
        return tokens;
    }

    /** The words of a name joined by single spaces: how names are compared. */
    static String normalise(String name) {
        return String.join(" ", words(name));
    }

    /** The lower-cased words of a text. */
    static List<String> words(String text) {
        return tokens(text).stream().map(Token::word).toList();
    }
}
