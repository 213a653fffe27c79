package org.medsafety.knowledge.mining;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a label section into statements: sentences, bullet items, and the rows of the tables openFDA flattens into
 * text ("Clinical Impact: … Intervention: … Examples: …", kept together because the drugs are named in one sentence
 * and the recommendation in another). Every statement is an exact substring of the section, so it can be quoted.
 */
final class LabelStatements {

    /**
     * @param field   the openFDA field the statement was read from
     * @param section its place in the label, as cited: "7.2", "4", "Boxed Warning", "Precautions (Drug Interactions)"
     * @param start   offset in the field's text; the statement is {@code text(field).substring(start, end)}
     */
    record Statement(String field, LabelLanguage.Section kind, String section, int start, int end, String text) {
    }

    /** Abbreviations whose period does not end a sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of("e.g", "i.e", "eg", "ie", "st", "dr", "vs", "approx",
            "fig", "no", "inc", "ltd", "co", "jr", "mr", "ms", "ref", "refs", "u.s", "al", "ca", "etc", "viz", "cf",
            "mg", "ml", "kg", "min", "hr", "hrs", "max", "resp", "conc", "incl");
    /** Longest statement kept: beyond it a flattened table has lost its sentence structure. */
    static final int MAX_LENGTH = 1200;

    /** A cross-reference opening a statement: "[see Contraindications (4)] Examples …". */
    private static final Pattern LEADING_REFERENCE = Pattern.compile("^\\s*(\\[[^\\]]*\\]\\s*)+");
    /** Where a flattened table row's clinical text begins. */
    private static final Pattern ROW_START = Pattern.compile("Clinical Impact|Clinical Implication");
    private static final Pattern DI_SUBSECTION = Pattern.compile("(?<![\\d.])(7\\.\\d{1,2})\\s+(?=[A-Z])");
    /** A drug-interaction subsection heading inside the text: "7.3 Hyperammonemia". */
    private static final Pattern HEADING = Pattern.compile("7\\.\\d{1,2}\\s+[A-Z][a-z]");
    private static final Pattern OLD_DI_HEADING = Pattern.compile("\\b(Drug Interactions|DRUG INTERACTIONS)\\b:?\\s");
    /** Headings that follow "Drug Interactions" in the older label format's Precautions. */
    private static final Pattern OLD_NEXT_HEADING = Pattern.compile("\\b(Drug/Laboratory Test Interactions|"
            + "Drug-Laboratory Test Interactions|Laboratory Tests|Carcinogenesis|Pregnancy|Usage in Pregnancy|"
            + "Nursing Mothers|Pediatric Use|Geriatric Use|Information for Patients|Teratogenic Effects|"
            + "DRUG/LABORATORY TEST INTERACTIONS|CARCINOGENESIS|PREGNANCY)\\b");

    private LabelStatements() {
    }

    /** The statements of every section the miner reads, in label order. */
    static List<Statement> of(LabelDocument label, Lexicon lexicon) {
        List<Statement> all = new ArrayList<>();
        String di = label.sections().get("drug_interactions");
        if (di != null) {
            all.addAll(split("drug_interactions", LabelLanguage.Section.DRUG_INTERACTIONS, di, 0, di.length(), lexicon));
        } else {
            for (String field : List.of("precautions", "warnings")) {
                String text = label.sections().get(field);
                Matcher heading = text == null ? null : OLD_DI_HEADING.matcher(text);
                if (heading != null && heading.find()) {
                    Matcher next = OLD_NEXT_HEADING.matcher(text);
                    int end = next.find(heading.end()) ? next.start() : text.length();
                    all.addAll(split(field, LabelLanguage.Section.DRUG_INTERACTIONS, text, heading.start(), end, lexicon));
                    break;
                }
            }
        }
        String ci = label.sections().get("contraindications");
        if (ci != null) {
            all.addAll(split("contraindications", LabelLanguage.Section.CONTRAINDICATIONS, ci, 0, ci.length(), lexicon));
        }
        String boxed = label.sections().get("boxed_warning");
        if (boxed != null) {
            all.addAll(split("boxed_warning", LabelLanguage.Section.BOXED_WARNING, boxed, 0, boxed.length(), lexicon));
        }
        return all;
    }

    static List<Statement> split(String field, LabelLanguage.Section kind, String text, int from, int to,
                                 Lexicon lexicon) {
        List<int[]> spans = examplesApart(text, sentences(text, from, to), lexicon);
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            int start = spans.get(i)[0];
            int end = spans.get(i)[1];
            Matcher row = ROW_START.matcher(text.substring(start, end));
            if (row.find()) {
                // A flattened table row: keep going to its "Examples" sentence, or to the next row. Some tables
                // give the examples first ("Weak CYP3A4 Inhibitors Examples … Clinical Implications …"): then the
                // next "Examples" already belongs to the next row.
                int examples = text.substring(start, end).indexOf("Examples");
                boolean examplesFirst = examples >= 0 && examples < row.start();
                for (int j = i + 1; j < spans.size() && j <= i + 8; j++) {
                    String next = text.substring(spans.get(j)[0], spans.get(j)[1]);
                    if (ROW_START.matcher(next).find() || (examplesFirst && next.contains("Examples"))
                            || HIGHLIGHTS_BULLET.matcher(next).find()) {
                        break;
                    }
                    end = spans.get(j)[1];
                    i = j;
                    if (next.contains("Examples")) {
                        break;
                    }
                }
            }
            if (end - start <= MAX_LENGTH) {
                statements.add(new Statement(field, kind, section(field, kind, text, start), start, end,
                        text.substring(start, end)));
            }
        }
        return statements;
    }

    /**
     * A statement that opens with a table row's "Examples: a, b, c" and runs into the next row's title when the flattened text has no period
     * between them ("…, St. John's Wort Alkalinizing Agents Clinical Impact: …"). The list ends with the drug named
     * after its last comma: the span is cut there, so the examples stay with their own row.
     */
    static List<int[]> examplesApart(String text, List<int[]> spans, Lexicon lexicon) {
        List<int[]> result = new ArrayList<>(spans.size());
        for (int k = 0; k < spans.size(); k++) {
            int[] span = spans.get(k);
            String s = text.substring(span[0], span[1]);
            int examples = s.indexOf("Examples");
            if (examples < 0 || !LEADING_REFERENCE.matcher(s).replaceFirst("").startsWith("Examples")) {
                result.add(span);
                continue;
            }
            // The list runs to the next row's clinical text, in this statement or at the start of the next one.
            Matcher row = ROW_START.matcher(s);
            int listEnd = row.find(examples) ? row.start() : k + 1 < spans.size()
                    && ROW_START.matcher(text.substring(spans.get(k + 1)[0], spans.get(k + 1)[1])).lookingAt()
                    ? s.length() : -1;
            int lastComma = listEnd < 0 ? -1 : s.lastIndexOf(',', listEnd);
            int cut = -1;
            if (lastComma > examples) {
                String tail = s.substring(lastComma + 1, listEnd);
                int item = tail.length() - tail.replaceFirst("^\\s*((and|or)\\s+)?", "").length();
                for (Lexicon.Mention m : lexicon.mentions(tail)) {
                    // The last item is the drug right after the comma; else it is a word the lexicon does not know
                    // ("…, alcohol Serotonergic Drugs") and the next row's title starts at the first name.
                    cut = lastComma + 1 + (m.start() == item ? m.end() : m.start());
                    break;
                }
            }
            if (cut < 0) {
                result.add(span);
            } else {
                add(result, text, span[0], span[0] + cut);
                add(result, text, span[0] + cut, span[1]);
            }
        }
        return result;
    }

    /** Sentence and bullet boundaries in text[from, to), trimmed; each span is [start, end). */
    static List<int[]> sentences(String text, int from, int to) {
        List<int[]> spans = new ArrayList<>();
        int start = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '•' || c == '●' || c == '▪') {
                add(spans, text, start, i);
                start = i + 1;
            } else if ((c == '.' || c == '?' || c == '!') && endsSentence(text, i, to)) {
                add(spans, text, start, i + 1);
                start = i + 1;
            } else if (c == ')' && HIGHLIGHT_REFERENCE.matcher(text).region(start, i + 1).find()
                    && nextIsCapital(text, i + 1, to)) {
                // Highlights bullets end with their section numbers and no period: "… surgery ( 4 , 5.1 ) NSAIDs
                // cause …" are two statements.
                add(spans, text, start, i + 1);
                start = i + 1;
            } else if (c == '7' && i > start && text.charAt(i - 1) == ' ' && HEADING.matcher(text)
                    .region(i, Math.min(to, i + 40)).lookingAt() && !text.substring(Math.max(start, i - 12), i)
                    .matches(".*(\\(|see|and|,|Table|Section)\\s*$")) {
                // "… quetiapine 7.3 Hyperammonemia with …": a subsection heading starts a new statement.
                add(spans, text, start, i);
                start = i;
            }
        }
        add(spans, text, start, to);
        return spans;
    }

    /**
     * A Highlights bullet ("Mixed Agonist/Antagonist … : Avoid use with ULTRAM … ( 7 ).", "Drugs that Interfere
     * with Hemostasis (…) : Monitor …": a title, a spaced colon, the advice) is never part of a table row, even where
     * openFDA puts it right after one.
     */
    private static final Pattern HIGHLIGHTS_BULLET = Pattern.compile(
            "\\(\\s*\\d+(\\.\\d+)*(\\s*,\\s*\\d+(\\.\\d+)*)*\\s*\\)\\s*\\.?\\s*$|^[^:]{3,150}?\\s:\\s");
    /** A highlights reference closing at the end of the region: "( 4 , 5.1 )", "(7.1)". */
    private static final Pattern HIGHLIGHT_REFERENCE = Pattern.compile(
            "\\(\\s*\\d+(\\.\\d+)*(\\s*,\\s*\\d+(\\.\\d+)*)*\\s*\\)$");

    private static boolean nextIsCapital(String text, int from, int to) {
        int j = from;
        while (j < to && text.charAt(j) == ' ') {
            j++;
        }
        return j > from && j < to && Character.isUpperCase(text.charAt(j));
    }

    private static boolean endsSentence(String text, int dot, int to) {
        int j = dot + 1;
        if (j >= to || !Character.isWhitespace(text.charAt(j))) {
            return false;
        }
        while (j < to && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        if (j >= to) {
            return true;
        }
        char next = text.charAt(j);
        char before = text.charAt(dot > 0 && text.charAt(dot - 1) == ' ' && dot > 1 ? dot - 2 : Math.max(0, dot - 1));
        if (before == ']') {
            return true; // "[see Warnings (5.1)]. digoxin ↑ …": a cross-reference closes the sentence
        }
        // A lower-case word after a period also starts a statement: flattened table cells ("… is not
        // recommended. digoxin ↑ digoxin …"), unless the period ends an abbreviation (checked below).
        if (!(Character.isLetter(next) || Character.isDigit(next) || next == '(' || next == '[' || next == '•')) {
            return false;
        }
        int w = dot;
        while (w > 0 && (Character.isLetter(text.charAt(w - 1)) || text.charAt(w - 1) == '.')) {
            w--;
        }
        String word = text.substring(w, dot).toLowerCase(Locale.ROOT);
        return !ABBREVIATIONS.contains(word);
    }

    private static void add(List<int[]> spans, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end - start >= 3) {
            spans.add(new int[] {start, end});
        }
    }

    /** The section a statement is cited under. */
    private static String section(String field, LabelLanguage.Section kind, String text, int at) {
        return switch (kind) {
            case CONTRAINDICATIONS -> text.startsWith("4 ") ? "4" : "Contraindications";
            case BOXED_WARNING -> "Boxed Warning";
            case DRUG_INTERACTIONS -> {
                if (!field.equals("drug_interactions")) {
                    yield field.equals("precautions") ? "Precautions (Drug Interactions)" : "Warnings (Drug Interactions)";
                }
                String sub = null;
                Matcher m = DI_SUBSECTION.matcher(text);
                while (m.find() && m.start() <= at) {
                    sub = m.group(1);
                }
                yield sub != null ? sub : text.startsWith("7 ") ? "7" : "Drug Interactions";
            }
        };
    }
}
