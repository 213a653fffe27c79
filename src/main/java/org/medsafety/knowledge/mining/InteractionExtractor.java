package org.medsafety.knowledge.mining;

import org.medsafety.knowledge.mining.LabelStatements.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads one label into interaction rows: for each statement the label's own drug (the object) and each other drug
 * or class it names (the precipitant), with the severity its words carry. One row per (object, precipitant) in a
 * label: the most severe statement, then the first.
 *
 * <p>The object is the label's drug, identified from openFDA substance_name. For a combination product the object is
 * the component the statement names; a statement that names no component gives no row, since it cannot say which
 * component interacts.
 */
final class InteractionExtractor {

    /** One extracted interaction, before it is written. */
    record Row(String id, Lexicon.Entry object, Lexicon.Entry precipitant, LabelLanguage.Reading reading,
               Statement statement, LabelDocument label) {
    }

    /** Counts of what happened to labels and statements, for the run report. */
    static final class Tally {
        final Map<String, Integer> counts = new TreeMap<>();
        final List<String> unidentified = new ArrayList<>();

        void add(String what) {
            counts.merge(what, 1, Integer::sum);
        }
    }

    private final Lexicon lexicon;
    private final List<Set<String>> sameMoiety;
    private final Map<String, Set<String>> classMembers;

    /**
     * @param sameMoiety   groups of entry references that are one drug (a prodrug and its active form)
     * @param classMembers class reference ({@code class:<id>}) → the references of its member ingredients
     */
    InteractionExtractor(Lexicon lexicon, List<Set<String>> sameMoiety, Map<String, Set<String>> classMembers) {
        this.lexicon = lexicon;
        this.sameMoiety = sameMoiety;
        this.classMembers = classMembers;
    }

    /** Salt, ester and hydrate words of openFDA substance names: "WARFARIN SODIUM" is warfarin. */
    private static final Set<String> SALT_WORDS = Set.of("sodium", "disodium", "potassium", "dipotassium", "calcium",
            "magnesium", "hydrochloride", "hcl", "dihydrochloride", "hydrobromide", "bromide", "chloride", "sulfate",
            "bisulfate", "sulphate", "mesylate", "dimesylate", "maleate", "fumarate", "tartrate", "bitartrate",
            "citrate", "acetate", "succinate", "besylate", "phosphate", "tromethamine", "lactate", "gluconate",
            "nitrate", "oxalate", "malate", "s", "tosylate", "ditosylate", "camsylate", "olamine", "meglumine",
            "anhydrous", "hydrate", "monohydrate", "dihydrate", "trihydrate", "heptahydrate", "hemihydrate",
            "sesquihydrate", "dimethyl", "sulfoxide", "valerate", "propionate", "lauroxil", "hyclate", "decanoate",
            "palmitate", "pamoate");

    /**
     * The label's own drug: its components (openFDA substance_name, split at "and" and commas), each identified
     * only when the lexicon covers every word but salt words ("TRASTUZUMAB EMTANSINE" is not trastuzumab).
     *
     * @param objects    the identified components
     * @param components how many components the product has, identified or not
     */
    record Identity(List<Lexicon.Entry> objects, int components) {

        boolean combination() {
            return components > 1;
        }
    }

    Identity identity(LabelDocument label) {
        Set<Lexicon.Entry> found = new LinkedHashSet<>();
        int components = 0;
        for (String substance : label.substances()) {
            for (String component : substance.split(",|\\band\\b|\\bAND\\b")) {
                if (component.isBlank()) {
                    continue;
                }
                components++;
                // A mention made only of salt words ("dimethyl sulfoxide" of trametinib's solvate) is not a component.
                List<Lexicon.Entry> drugs = lexicon.mentions(component).stream()
                        .filter(m -> !m.entry().isClass()
                                && !SALT_WORDS.containsAll(Lexicon.words(component.substring(m.start(), m.end()))))
                        .map(Lexicon.Mention::entry).distinct().toList();
                boolean whole = lexicon.wordsNotMentioned(component).stream().allMatch(SALT_WORDS::contains);
                if (drugs.size() == 1 && whole) {
                    found.add(drugs.get(0));
                }
            }
        }
        return new Identity(List.copyOf(found), components);
    }

    List<Row> extract(LabelDocument label, Tally tally) {
        tally.add("labels read");
        Identity identity = identity(label);
        List<Lexicon.Entry> objects = identity.objects();
        if (objects.isEmpty()) {
            tally.add("labels whose own drug is not in the lexicon");
            tally.unidentified.add(label.file() + " (" + String.join(", ", label.substances()) + ")");
            return List.of();
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        List<Statement> statements = LabelStatements.of(label, lexicon);
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            tally.add("statements read");
            if (LabelLanguage.exclusion(s.text()) != null) {
                tally.add("statements excluded (no interaction, or another topic)");
                continue;
            }
            List<Lexicon.Mention> mentions = lexicon.mentions(s.text());
            if (mentions.isEmpty()) {
                tally.add("statements naming no drug or class");
                continue;
            }
            LabelLanguage.Reading reading = LabelLanguage.severity(s.text(), s.kind());
            if (reading == null && i + 1 < statements.size() && s.kind() == LabelLanguage.Section.DRUG_INTERACTIONS) {
                // "Cimetidine increased X levels. Caution is advised." The recommendation names no drug: it is
                // about the drugs of the statement before, and both sentences are quoted together.
                Statement next = statements.get(i + 1);
                if (next.field().equals(s.field()) && lexicon.mentions(next.text()).isEmpty()
                        && !next.text().matches("^\\d+\\.\\d+\\s.*")
                        && LabelLanguage.exclusion(next.text()) == null
                        && LabelLanguage.recommendation(next.text()) != null) {
                    Statement joined = join(label, s, next);
                    LabelLanguage.Reading both = LabelLanguage.severity(joined.text(), s.kind());
                    if (both != null && joined.text().length() <= LabelStatements.MAX_LENGTH
                            && LabelLanguage.exclusion(joined.text()) == null) {
                        s = joined;
                        reading = both;
                        i++;
                        tally.add("statements joined with the recommendation that follows");
                    }
                }
            }
            if (reading == null) {
                tally.add("statements without a recommendation or clinical effect (e.g. pharmacokinetics only)");
                continue;
            }
            List<Lexicon.Entry> statementObjects = objects;
            if (identity.combination()) {
                statementObjects = mentions.stream().map(Lexicon.Mention::entry).filter(objects::contains)
                        .distinct().toList();
                if (statementObjects.isEmpty()) {
                    tally.add("statements of a combination label naming none of its components");
                    continue;
                }
            }
            boolean named = false;
            for (Lexicon.Entry object : statementObjects) {
                for (Lexicon.Mention m : mentions) {
                    Lexicon.Entry precipitant = m.entry();
                    if (objects.contains(precipitant) || oneDrug(object, precipitant)
                            || ownClass(label, object, s.text(), m) || notAPrecipitant(s.text(), m)
                            || listedAsClassmate(label, object, s.text(), mentions, m)
                            || headingOfItsExamples(mentions, m)) {
                        continue;
                    }
                    named = true;
                    String id = id(label, object, precipitant);
                    Row row = new Row(id, object, precipitant, reading, s, label);
                    Row earlier = rows.get(id);
                    if (earlier == null || reading.severity().ordinal() < earlier.reading().severity().ordinal()) {
                        rows.put(id, row);
                    }
                }
            }
            tally.add(named ? "statements giving rows" : "statements naming only the label's own drug");
        }
        rows.values().forEach(r -> tally.add("rows (" + r.reading().severity().label() + ")"));
        return List.copyOf(rows.values());
    }

    private boolean oneDrug(Lexicon.Entry a, Lexicon.Entry b) {
        if (a.ref().equals(b.ref())) {
            return true;
        }
        for (Set<String> group : sameMoiety) {
            if (group.contains(a.ref()) && group.contains(b.ref())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Classes defined by an effect, not by what the drug is: "other drugs that prolong the QT interval" in a
     * QT-prolonging drug's label is an interaction, not a description of the label's drug.
     */
    private static final Set<String> EFFECT_CLASSES = Set.of("class:qt-prolonging", "class:serotonergic");

    /**
     * A class the statement also names members of ("HMG-CoA reductase inhibitors (statins) … (lovastatin or
     * simvastatin) is contraindicated"): the label means those members, so the class gives no row of its own.
     */
    private boolean headingOfItsExamples(List<Lexicon.Mention> mentions, Lexicon.Mention m) {
        if (!m.entry().isClass()) {
            return false;
        }
        Set<String> members = classMembers.getOrDefault(m.entry().ref(), Set.of());
        for (Lexicon.Mention other : mentions) {
            if (!other.entry().isClass() && members.contains(other.entry().ref())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A drug listed in parentheses as a classmate of the label's drug: "an SSRI (e.g., citalopram, fluoxetine,
     * sertraline)" in the sertraline label, or "NSAIDs with short half-lives (e.g., diclofenac)" in an NSAID's label,
     * where the statement is about a third drug. The list names the label's drug itself, or follows a class of it.
     */
    private boolean listedAsClassmate(LabelDocument label, Lexicon.Entry object, String text,
                                      List<Lexicon.Mention> mentions, Lexicon.Mention m) {
        int open = text.lastIndexOf('(', m.start());
        if (open < 0 || text.lastIndexOf(')', m.start()) > open) {
            return false;
        }
        int close = text.indexOf(')', m.end());
        int end = close < 0 ? text.length() : close;
        for (Lexicon.Mention other : mentions) {
            if (other.start() > open && other.end() <= end && (other.entry().equals(object)
                    || oneDrug(object, other.entry()))) {
                return true;
            }
        }
        int from = Math.max(0, open - 80);
        String before = text.substring(from, open);
        int cut = Math.max(Math.max(before.lastIndexOf('.'), before.lastIndexOf(';')), before.lastIndexOf(')'));
        for (Lexicon.Mention other : mentions) {
            if (other.entry().isClass() && other.start() >= from + cut + 1 && other.end() <= open
                    && !EFFECT_CLASSES.contains(other.entry().ref())
                    && classMembers.getOrDefault(other.entry().ref(), Set.of()).contains(object.ref())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A class the label's drug belongs to ("PPIs, including PROTONIX, are contraindicated with rilpivirine"), or
     * one the sentence says includes it ("SSRIs and SNRIs including TRINTELLIX"): it describes the label's drug,
     * it is not a second drug.
     */
    private boolean ownClass(LabelDocument label, Lexicon.Entry object, String text, Lexicon.Mention m) {
        if (!m.entry().isClass()) {
            return false;
        }
        Set<String> members = classMembers.getOrDefault(m.entry().ref(), Set.of());
        if (!EFFECT_CLASSES.contains(m.entry().ref())) {
            if (members.contains(object.ref())) {
                return true;
            }
            // A class nested in one the label's drug belongs to: "SSRIs or SNRIs" in the duloxetine label is its
            // family.
            for (Map.Entry<String, Set<String>> family : classMembers.entrySet()) {
                if (!EFFECT_CLASSES.contains(family.getKey()) && family.getValue().contains(object.ref())
                        && (family.getValue().containsAll(members) || members.containsAll(family.getValue()))) {
                    return true;
                }
            }
        }
        // "BRILINTA, like other antiplatelet agents, can cause bleeding": the label's drug described by its class.
        String before = text.substring(Math.max(0, m.start() - 20), m.start()).toLowerCase(Locale.ROOT);
        if (before.matches(".*\\b(like|as with|unlike) (other |all |many )?$")) {
            return true;
        }
        String after = text.substring(m.end(), Math.min(text.length(), m.end() + 60)).toLowerCase(Locale.ROOT);
        int including = after.indexOf("includ");
        return including >= 0 && ((label.brand() != null
                && after.indexOf(label.brand().toLowerCase(Locale.ROOT), including) >= 0)
                || after.indexOf(object.name().toLowerCase(Locale.ROOT), including) >= 0);
    }

    /**
     * Words around a name that make it something other than a second drug taken: a metabolite ("mediated by
     * morphine"), a component of the same solution ("anesthetic solutions containing epinephrine"), a drug that is
     * explicitly absent ("a regimen without ritonavir or cobicistat"), an alternative ("use heparin instead of
     * warfarin", "consider alternatives such as pravastatin"), a comparison ("not as well documented for
     * procainamide as for quinidine"), the drug a patient is switched from ("after crossover from cyclosporine").
     */
    static final java.util.regex.Pattern NOT_TAKEN_BEFORE = java.util.regex.Pattern.compile(
            "(\\b(mediated by|metabolized to|converted to|metabolites?( of)?|active moiety|solutions? (containing|with)|"
            + "formulations? (containing|with))\\s+(\\w+\\s+)?$)|\\bwithout\\b[^,;:.()]*$|"
            + "\\balternatives?( \\w+)?( agents?| drugs?| therap(y|ies)| treatments?| medications?)? "
            + "(such as|e\\.g\\.|including|like)\\b[^.;:]*$|\\b(as|than) (for|with)\\s+$|\\bcompared (to|with)\\s+$|"
            + "\\b(crossover|cross-over|switch(ing)?|conversion|converting|transition(ing)?) from\\s+$",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    /** "use heparin instead of warfarin": the drug named is the alternative. */
    private static final java.util.regex.Pattern NOT_TAKEN_AFTER = java.util.regex.Pattern.compile(
            "^\\s*(\\S+\\s+){0,3}instead of\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    static boolean notAPrecipitant(String text, Lexicon.Mention m) {
        String before = text.substring(Math.max(0, m.start() - 60), m.start());
        String after = text.substring(m.end(), Math.min(text.length(), m.end() + 40));
        return NOT_TAKEN_BEFORE.matcher(before).find() || NOT_TAKEN_AFTER.matcher(after).find();
    }

    private static Statement join(LabelDocument label, Statement a, Statement b) {
        String text = label.sections().get(a.field());
        return new Statement(a.field(), a.kind(), a.section(), a.start(), b.end(), text.substring(a.start(), b.end()));
    }

    /** Stable across runs: the label's set-id (first 8 characters), the object, the precipitant. */
    static String id(LabelDocument label, Lexicon.Entry object, Lexicon.Entry precipitant) {
        return "LDI-" + label.setId().substring(0, Math.min(8, label.setId().length())) + "-" + slug(object) + "-"
                + slug(precipitant);
    }

    private static String slug(Lexicon.Entry entry) {
        String base = entry.isClass() ? entry.ref().replace(':', '-') : entry.name();
        return base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
